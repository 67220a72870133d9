package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a service keeps its tasks: a fixed count or one per instance. */
public enum SchedulingStrategy implements ApiEnum {
  REPLICA("REPLICA"),
  DAEMON("DAEMON");

  private final String apiValue;

  SchedulingStrategy(String apiValue) {
    this.apiValue = apiValue;
  }

  /** The spelling the ECS API uses. */
  @Override
  @JsonValue
  public String apiValue() {
    return apiValue;
  }

  /** Parses the API spelling; an unknown value fails with the allowed values. */
  @JsonCreator
  public static SchedulingStrategy fromApiValue(String value) {
    return ApiEnum.parse(SchedulingStrategy.class, value);
  }
}
