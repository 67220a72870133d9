package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Cgroup permission on a host device exposed to a container. */
public enum DevicePermission implements ApiEnum {
  READ("read"),
  WRITE("write"),
  MKNOD("mknod");

  private final String apiValue;

  DevicePermission(String apiValue) {
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
  public static DevicePermission fromApiValue(String value) {
    return ApiEnum.parse(DevicePermission.class, value);
  }
}
