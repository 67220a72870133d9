package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An ENABLED/DISABLED switch as the ECS API spells it. */
public enum Toggle implements ApiEnum {
  ENABLED("ENABLED"),
  DISABLED("DISABLED");

  private final String apiValue;

  Toggle(String apiValue) {
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
  public static Toggle fromApiValue(String value) {
    return ApiEnum.parse(Toggle.class, value);
  }
}
