package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How an alarm compares its metric with the threshold. */
public enum ComparisonOperator implements ApiEnum {
  GREATERTHANOREQUALTOTHRESHOLD("GreaterThanOrEqualToThreshold"),
  GREATERTHANTHRESHOLD("GreaterThanThreshold"),
  LESSTHANTHRESHOLD("LessThanThreshold"),
  LESSTHANOREQUALTOTHRESHOLD("LessThanOrEqualToThreshold");

  private final String apiValue;

  ComparisonOperator(String apiValue) {
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
  public static ComparisonOperator fromApiValue(String value) {
    return ApiEnum.parse(ComparisonOperator.class, value);
  }
}
