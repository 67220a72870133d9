package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** CPU architecture a task needs. */
public enum CpuArchitecture implements ApiEnum {
  X86_64("X86_64"),
  ARM64("ARM64");

  private final String apiValue;

  CpuArchitecture(String apiValue) {
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
  public static CpuArchitecture fromApiValue(String value) {
    return ApiEnum.parse(CpuArchitecture.class, value);
  }
}
