package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How tasks are spread over, or packed onto, container instances. */
public enum PlacementStrategyType implements ApiEnum {
  RANDOM("random"),
  SPREAD("spread"),
  BINPACK("binpack");

  private final String apiValue;

  PlacementStrategyType(String apiValue) {
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
  public static PlacementStrategyType fromApiValue(String value) {
    return ApiEnum.parse(PlacementStrategyType.class, value);
  }
}
