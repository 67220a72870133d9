package io.berth.engine.docker;

/**
 * ECS task and container lifecycle states, in lifecycle order. A task's status only moves forward,
 * and is the least advanced of its containers' while it starts.
 */
public enum LifecycleStatus {
  PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED;

  /** The later of this and {@code other}: statuses never move backwards. */
  public LifecycleStatus atLeast(LifecycleStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
