package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a container's image tag is pinned to its digest at deployment. */
public enum VersionConsistency implements ApiEnum {
  ENABLED("enabled"),
  DISABLED("disabled");

  private final String apiValue;

  VersionConsistency(String apiValue) {
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
  public static VersionConsistency fromApiValue(String value) {
    return ApiEnum.parse(VersionConsistency.class, value);
  }
}
