package io.berth.engine.scheduler.deployment;

/** A deployment's role: PRIMARY is the one being rolled out; ACTIVE ones still have tasks to drain. */
public enum DeploymentStatus {
  PRIMARY, ACTIVE, INACTIVE
}
