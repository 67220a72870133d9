package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Docker networking mode of a task's containers. */
public enum NetworkMode implements ApiEnum {
  BRIDGE("bridge"),
  HOST("host"),
  AWSVPC("awsvpc"),
  NONE("none");

  private final String apiValue;

  NetworkMode(String apiValue) {
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
  public static NetworkMode fromApiValue(String value) {
    return ApiEnum.parse(NetworkMode.class, value);
  }
}
