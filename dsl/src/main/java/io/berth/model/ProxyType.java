package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Type of a task's proxy configuration. */
public enum ProxyType implements ApiEnum {
  APPMESH("APPMESH");

  private final String apiValue;

  ProxyType(String apiValue) {
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
  public static ProxyType fromApiValue(String value) {
    return ApiEnum.parse(ProxyType.class, value);
  }
}
