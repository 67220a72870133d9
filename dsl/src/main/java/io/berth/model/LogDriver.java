package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Docker log driver of a container. */
public enum LogDriver implements ApiEnum {
  JSON_FILE("json-file"),
  SYSLOG("syslog"),
  JOURNALD("journald"),
  GELF("gelf"),
  FLUENTD("fluentd"),
  AWSLOGS("awslogs"),
  SPLUNK("splunk"),
  AWSFIRELENS("awsfirelens");

  private final String apiValue;

  LogDriver(String apiValue) {
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
  public static LogDriver fromApiValue(String value) {
    return ApiEnum.parse(LogDriver.class, value);
  }
}
