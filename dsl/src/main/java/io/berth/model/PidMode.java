package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Process namespace a task's containers share. */
public enum PidMode implements ApiEnum {
  HOST("host"),
  TASK("task");

  private final String apiValue;

  PidMode(String apiValue) {
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
  public static PidMode fromApiValue(String value) {
    return ApiEnum.parse(PidMode.class, value);
  }
}
