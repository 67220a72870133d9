package io.berth.engine.scheduler;

/** ECS task lifecycle states, in the order a task moves through them. */
public enum TaskStatus {
  PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED;

  /** Whether the task holds (or is about to hold) resources on its instance: anything before STOPPED. */
  public boolean isLive() {
    return this != STOPPED;
  }
}
