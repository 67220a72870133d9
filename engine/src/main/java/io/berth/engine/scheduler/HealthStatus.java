package io.berth.engine.scheduler;

/** A task's health as the agent reports it from its essential containers' health checks. */
public enum HealthStatus {
  HEALTHY, UNHEALTHY, UNKNOWN
}
