package io.berth.engine.task;

/**
 * ECS health of a container (from its Docker health check) or of a task (from its essential
 * containers'); UNKNOWN when there is no health check or no verdict yet.
 */
public enum HealthStatus {
  HEALTHY,
  UNHEALTHY,
  UNKNOWN
}
