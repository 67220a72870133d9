package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Lifetime of a Docker volume: deleted with the task, or kept and shared. */
public enum VolumeScope implements ApiEnum {
  TASK("task"),
  SHARED("shared");

  private final String apiValue;

  VolumeScope(String apiValue) {
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
  public static VolumeScope fromApiValue(String value) {
    return ApiEnum.parse(VolumeScope.class, value);
  }
}
