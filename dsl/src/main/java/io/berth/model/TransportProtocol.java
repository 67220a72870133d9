package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Protocol of a port mapping. */
public enum TransportProtocol implements ApiEnum {
  TCP("tcp"),
  UDP("udp");

  private final String apiValue;

  TransportProtocol(String apiValue) {
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
  public static TransportProtocol fromApiValue(String value) {
    return ApiEnum.parse(TransportProtocol.class, value);
  }
}
