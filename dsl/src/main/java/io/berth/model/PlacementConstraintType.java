package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kind of a placement constraint. */
public enum PlacementConstraintType implements ApiEnum {
  DISTINCTINSTANCE("distinctInstance"),
  MEMBEROF("memberOf");

  private final String apiValue;

  PlacementConstraintType(String apiValue) {
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
  public static PlacementConstraintType fromApiValue(String value) {
    return ApiEnum.parse(PlacementConstraintType.class, value);
  }
}
