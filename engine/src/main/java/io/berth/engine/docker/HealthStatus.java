package io.berth.engine.docker;

/** ECS health of a container or task; UNKNOWN when there is no health check or no verdict yet. */
public enum HealthStatus {
  HEALTHY, UNHEALTHY, UNKNOWN;

  /** Maps Docker's {@code State.Health.Status} ("starting", "healthy", "unhealthy", absent). */
  static HealthStatus fromDocker(String dockerStatus) {
    if ("healthy".equals(dockerStatus)) {
      return HEALTHY;
    }
    return "unhealthy".equals(dockerStatus) ? UNHEALTHY : UNKNOWN;
  }
}
