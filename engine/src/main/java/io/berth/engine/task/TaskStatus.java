package io.berth.engine.task;

/**
 * ECS task and container lifecycle states, in the order a task moves through them. A task's status
 * only moves forward, and is the least advanced of its containers' while it starts.
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

  /** The later of this and {@code other}: statuses never move backwards. */
  public TaskStatus atLeast(TaskStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** Whether a task in this state holds (or is about to hold) resources on its instance: anything before STOPPED. */
  public boolean isLive() {
    return this != STOPPED;
  }
}
