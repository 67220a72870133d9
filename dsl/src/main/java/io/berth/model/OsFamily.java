package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Operating system family a task needs. */
public enum OsFamily implements ApiEnum {
  WINDOWS_SERVER_2019_FULL("WINDOWS_SERVER_2019_FULL"),
  WINDOWS_SERVER_2019_CORE("WINDOWS_SERVER_2019_CORE"),
  WINDOWS_SERVER_2016_FULL("WINDOWS_SERVER_2016_FULL"),
  WINDOWS_SERVER_2004_CORE("WINDOWS_SERVER_2004_CORE"),
  WINDOWS_SERVER_2022_CORE("WINDOWS_SERVER_2022_CORE"),
  WINDOWS_SERVER_2022_FULL("WINDOWS_SERVER_2022_FULL"),
  WINDOWS_SERVER_2025_CORE("WINDOWS_SERVER_2025_CORE"),
  WINDOWS_SERVER_2025_FULL("WINDOWS_SERVER_2025_FULL"),
  WINDOWS_SERVER_20H2_CORE("WINDOWS_SERVER_20H2_CORE"),
  LINUX("LINUX");

  private final String apiValue;

  OsFamily(String apiValue) {
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
  public static OsFamily fromApiValue(String value) {
    return ApiEnum.parse(OsFamily.class, value);
  }
}
