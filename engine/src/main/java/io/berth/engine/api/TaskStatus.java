package io.berth.engine.api;

/**
 * ECS task (and container) lifecycle states, in the order a task moves through them. A task's
 * status is the least advanced of its containers'; {@link #isBefore} compares positions.
 */
public enum TaskStatus {
  PROVISIONING,
  PENDING,
  ACTIVATING,
  RUNNING,
  DEACTIVATING,
  STOPPING,
  DEPROVISIONING,
  STOPPED;

  /** True when this state comes earlier in the lifecycle than {@code other}. */
  public boolean isBefore(TaskStatus other) {
    return ordinal() < other.ordinal();
  }
}
