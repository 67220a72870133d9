package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Condition a container waits for on another container before it starts. */
public enum ContainerCondition implements ApiEnum {
  START("START"),
  COMPLETE("COMPLETE"),
  SUCCESS("SUCCESS"),
  HEALTHY("HEALTHY");

  private final String apiValue;

  ContainerCondition(String apiValue) {
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
  public static ContainerCondition fromApiValue(String value) {
    return ApiEnum.parse(ContainerCondition.class, value);
  }
}
