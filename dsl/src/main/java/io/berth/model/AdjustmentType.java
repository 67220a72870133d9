package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a step adjustment changes the desired count. */
public enum AdjustmentType implements ApiEnum {
  CHANGEINCAPACITY("ChangeInCapacity"),
  PERCENTCHANGEINCAPACITY("PercentChangeInCapacity"),
  EXACTCAPACITY("ExactCapacity");

  private final String apiValue;

  AdjustmentType(String apiValue) {
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
  public static AdjustmentType fromApiValue(String value) {
    return ApiEnum.parse(AdjustmentType.class, value);
  }
}
