package io.berth.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Resource limit name of a ulimit. */
public enum UlimitName implements ApiEnum {
  CORE("core"),
  CPU("cpu"),
  DATA("data"),
  FSIZE("fsize"),
  LOCKS("locks"),
  MEMLOCK("memlock"),
  MSGQUEUE("msgqueue"),
  NICE("nice"),
  NOFILE("nofile"),
  NPROC("nproc"),
  RSS("rss"),
  RTPRIO("rtprio"),
  RTTIME("rttime"),
  SIGPENDING("sigpending"),
  STACK("stack");

  private final String apiValue;

  UlimitName(String apiValue) {
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
  public static UlimitName fromApiValue(String value) {
    return ApiEnum.parse(UlimitName.class, value);
  }
}
