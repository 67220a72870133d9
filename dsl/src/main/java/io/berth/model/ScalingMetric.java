package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Predefined metric a scaling policy tracks. */
public enum ScalingMetric implements ApiEnum {
  ECSSERVICEAVERAGECPUUTILIZATION("ECSServiceAverageCPUUtilization"),
  ECSSERVICEAVERAGEMEMORYUTILIZATION("ECSServiceAverageMemoryUtilization"),
  ALBREQUESTCOUNTPERTARGET("ALBRequestCountPerTarget");

  private final String apiValue;

  ScalingMetric(String apiValue) {
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
  public static ScalingMetric fromApiValue(String value) {
    return ApiEnum.parse(ScalingMetric.class, value);
  }
}
