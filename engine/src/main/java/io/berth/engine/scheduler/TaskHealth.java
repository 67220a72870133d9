package io.berth.engine.scheduler;

import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.model.TaskDefinition;
import java.time.Duration;
import java.time.Instant;

/**
 * When a task counts as healthy for deployments (minimum healthy, completion, circuit breaker):
 * it is RUNNING, its essential containers' health checks pass (or, without a health check, it has
 * run for {@code healthyAfterRunning}), and, when its service sits behind a load balancer, the load
 * balancer's probe reaches it. The control plane uses the same rule for the counts it shows.
 */
public final class TaskHealth {
  private TaskHealth() {}

  /** Whether {@code task} counts healthy at {@code now}. */
  public static boolean healthy(Task task, boolean hasHealthCheck, boolean behindLoadBalancer, Instant now,
      Duration healthyAfterRunning) {
    if (task.lastStatus() != TaskStatus.RUNNING || task.health() == HealthStatus.UNHEALTHY) {
      return false;
    }
    if (behindLoadBalancer && !task.targetHealthy()) {
      return false;
    }
    if (task.health() == HealthStatus.HEALTHY) {
      return true;
    }
    return !hasHealthCheck && task.startedAt().map(s -> !now.isBefore(s.plus(healthyAfterRunning))).orElse(false);
  }

  /** Whether any essential container of {@code definition} has a health check. */
  public static boolean hasHealthCheck(TaskDefinition definition) {
    return definition.containerDefinitions().stream().anyMatch(c -> c.isEssential() && c.healthCheck().isPresent());
  }
}
