package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a load balancer's listener talks to its targets, as an ELB target group's protocol: HTTP (the
 * default) routes and counts each request; TCP forwards connections for any other protocol.
 */
public enum TargetGroupProtocol implements ApiEnum {
  HTTP("HTTP"),
  TCP("TCP");

  private final String apiValue;

  TargetGroupProtocol(String apiValue) {
    this.apiValue = apiValue;
  }

  /** The spelling the ELB API uses. */
  @Override
  @JsonValue
  public String apiValue() {
    return apiValue;
  }

  /** Parses the API spelling; an unknown value fails with the allowed values. */
  @JsonCreator
  public static TargetGroupProtocol fromApiValue(String value) {
    return ApiEnum.parse(TargetGroupProtocol.class, value);
  }
}
