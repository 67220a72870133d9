package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an environment file is stored. */
public enum EnvironmentFileType implements ApiEnum {
  S3("s3");

  private final String apiValue;

  EnvironmentFileType(String apiValue) {
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
  public static EnvironmentFileType fromApiValue(String value) {
    return ApiEnum.parse(EnvironmentFileType.class, value);
  }
}
