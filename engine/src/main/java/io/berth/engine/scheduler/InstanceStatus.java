package io.berth.engine.scheduler;

/** Status of a container instance: only ACTIVE instances receive tasks; DRAINING ones are emptied. */
public enum InstanceStatus {
  /** Accepts new tasks. */
  ACTIVE,
  /** Accepts none; the service scheduler moves its service tasks elsewhere. */
  DRAINING,
  /** Deregistered; its tasks are treated as lost. */
  INACTIVE
}
