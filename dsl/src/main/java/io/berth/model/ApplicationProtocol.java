package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Application protocol of a named port mapping. */
public enum ApplicationProtocol implements ApiEnum {
  HTTP("http"),
  HTTP2("http2"),
  GRPC("grpc");

  private final String apiValue;

  ApplicationProtocol(String apiValue) {
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
  public static ApplicationProtocol fromApiValue(String value) {
    return ApiEnum.parse(ApplicationProtocol.class, value);
  }
}
