package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a role's policy statement allows or denies. */
public enum Effect implements ApiEnum {
  ALLOW("Allow"),
  DENY("Deny");

  private final String apiValue;

  Effect(String apiValue) {
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
  public static Effect fromApiValue(String value) {
    return ApiEnum.parse(Effect.class, value);
  }
}
