package io.berth.plans;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a plan does to one resource, with the Terraform-like marker renderings use. */
public enum Action {
  CREATE("create", "+"),
  UPDATE("update", "~"),
  REPLACE("replace", "-/+"),
  DELETE("delete", "-"),
  NO_OP("no-op", " ");

  private final String label;
  private final String marker;

  Action(String label, String marker) {
    this.label = label;
    this.marker = marker;
  }

  /** The name in plan files: {@code create}, {@code no-op}... */
  @JsonValue
  public String label() {
    return label;
  }

  /** The marker at the start of a rendered line: {@code +}, {@code ~}, {@code -/+}, {@code -}. */
  public String marker() {
    return marker;
  }
}
