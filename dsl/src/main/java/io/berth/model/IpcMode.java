package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** IPC namespace a task's containers share. */
public enum IpcMode implements ApiEnum {
  HOST("host"),
  TASK("task"),
  NONE("none");

  private final String apiValue;

  IpcMode(String apiValue) {
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
  public static IpcMode fromApiValue(String value) {
    return ApiEnum.parse(IpcMode.class, value);
  }
}
