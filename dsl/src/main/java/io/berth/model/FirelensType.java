package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Log router type of a FireLens container. */
public enum FirelensType implements ApiEnum {
  FLUENTD("fluentd"),
  FLUENTBIT("fluentbit");

  private final String apiValue;

  FirelensType(String apiValue) {
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
  public static FirelensType fromApiValue(String value) {
    return ApiEnum.parse(FirelensType.class, value);
  }
}
