package io.berth.plans;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of resource a plan changes, declared in dependency order: a service needs its task
 * definition and cluster, a task definition its roles, scaling its service. Creates and updates run
 * in this order, deletes in the reverse one.
 */
public enum ResourceKind {
  ROLE("role"),
  CLUSTER("cluster"),
  TASK_DEFINITION("task-definition"),
  SERVICE("service"),
  SCALING("scaling");

  private final String label;

  ResourceKind(String label) {
    this.label = label;
  }

  /** The name used in plan files and renderings, e.g. {@code task-definition}. */
  @JsonValue
  public String label() {
    return label;
  }
}
