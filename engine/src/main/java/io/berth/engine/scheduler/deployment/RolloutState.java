package io.berth.engine.scheduler.deployment;

/** How a deployment is going (ECS rolloutState). */
public enum RolloutState {
  IN_PROGRESS, COMPLETED, FAILED
}
