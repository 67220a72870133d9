package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a service's or task's containers run. */
public enum LaunchType implements ApiEnum {
  EC2("EC2"),
  FARGATE("FARGATE"),
  EXTERNAL("EXTERNAL"),
  MANAGED_INSTANCES("MANAGED_INSTANCES");

  private final String apiValue;

  LaunchType(String apiValue) {
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
  public static LaunchType fromApiValue(String value) {
    return ApiEnum.parse(LaunchType.class, value);
  }
}
