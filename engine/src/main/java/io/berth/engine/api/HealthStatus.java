package io.berth.engine.api;

/** Health of a container (from its Docker health check) or of a task (its essential containers). */
public enum HealthStatus {
  HEALTHY,
  UNHEALTHY,
  UNKNOWN
}
