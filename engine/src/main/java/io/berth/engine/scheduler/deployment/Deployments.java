package io.berth.engine.scheduler.deployment;

import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.reconcile.Tick;
import io.berth.model.DeploymentCircuitBreaker;
import io.berth.model.TaskDefinition;
import java.time.Duration;
import java.util.Optional;

/**
 * Deployment bookkeeping: a new PRIMARY when the service names another task definition, failure
 * counting, the circuit breaker (with rollback to the last COMPLETED deployment) and the
 * start-failure throttle.
 */
final class Deployments {
  private Deployments() {}

  /** Makes sure the PRIMARY deployment runs the task definition the service names. */
  static void ensurePrimary(Tick tick, int desiredCount) {
    String arn = tick.spec.taskDefinitionArn();
    boolean current = !tick.deployments.isEmpty() && tick.primary().taskDefinitionArn().equals(arn);
    boolean abandoned = tick.rolledBackFrom.map(arn::equals).orElse(false);
    if (tick.deployments.isEmpty() || (!current && !abandoned)) {
      start(tick, arn, tick.spec.taskDefinition(), desiredCount, "");
      tick.rolledBackFrom = Optional.empty();
      tick.lastFailed = Optional.empty();
    }
    tick.replacePrimary(tick.primary().withDesiredCount(desiredCount));
  }

  private static void start(Tick tick, String arn, TaskDefinition definition, int desiredCount, String why) {
    if (!tick.deployments.isEmpty()) {
      tick.replacePrimary(tick.primary().withStatus(DeploymentStatus.ACTIVE, tick.now));
    }
    String id = "ecs-svc/" + tick.nextDeploymentNumber++;
    tick.deployments.add(0, new Deployment(id, arn, definition, DeploymentStatus.PRIMARY, RolloutState.IN_PROGRESS,
        "ECS deployment " + id + " in progress." + why, desiredCount, 0, tick.now, tick.now));
    tick.startFailures = 0;
    tick.retryAfter = Optional.empty();
    tick.steady = false;
    tick.event("has started deployment " + id + " of task definition " + arn + "." + why);
  }

  /** Counts a failed task against its deployment, if that deployment is still rolling out. */
  static void countFailure(Tick tick, Task task) {
    for (int k = 0; k < tick.deployments.size(); k++) {
      Deployment d = tick.deployments.get(k);
      if (task.deploymentId().map(d.id()::equals).orElse(false) && d.rolloutState() == RolloutState.IN_PROGRESS) {
        tick.deployments.set(k, d.withFailedTasks(d.failedTasks() + 1, tick.now));
      }
    }
  }

  /** A task stopped before ever reaching RUNNING: count it and push the next start attempt back. */
  static void startFailed(Tick tick, Task task) {
    countFailure(tick, task);
    tick.startFailures++;
    Duration delay = tick.settings.throttleBase().multipliedBy(1L << Math.min(tick.startFailures - 1, 20));
    if (delay.compareTo(tick.settings.throttleCap()) > 0) {
      delay = tick.settings.throttleCap();
    }
    tick.retryAfter = Optional.of(tick.now.plus(delay));
    tick.event("is unable to consistently start tasks successfully. Task " + task.taskId() + " stopped before RUNNING: "
        + task.stoppedReason().orElse("no reason given") + "; next attempt in " + delay.toSeconds() + " s.");
  }

  /** The circuit breaker threshold: clamp(ceil(0.5 * desired), 3, 200). */
  static int threshold(int desiredCount) {
    return Math.max(3, Math.min(200, (desiredCount + 1) / 2));
  }

  /** Trips the breaker when the PRIMARY deployment has failed too often; rolls back when asked to. */
  static void checkCircuitBreaker(Tick tick) {
    Optional<DeploymentCircuitBreaker> breaker = tick.spec.service().deploymentConfiguration().deploymentCircuitBreaker();
    Deployment primary = tick.primary();
    if (breaker.isEmpty() || !breaker.get().enable() || primary.rolloutState() != RolloutState.IN_PROGRESS) {
      return;
    }
    int threshold = threshold(primary.desiredCount());
    if (primary.failedTasks() < threshold) {
      return;
    }
    String reason = "ECS deployment circuit breaker: " + primary.failedTasks() + " tasks failed to start or failed health checks (threshold "
        + threshold + ").";
    tick.replacePrimary(primary.withRollout(RolloutState.FAILED, reason, tick.now));
    tick.lastFailed = Optional.of(tick.primary());
    tick.event("deployment " + primary.id() + " deployment failed: " + reason);
    Optional<Deployment> target = tick.lastCompleted.filter(d -> !d.taskDefinitionArn().equals(primary.taskDefinitionArn()));
    if (breaker.get().rollback() && target.isPresent()) {
      tick.rolledBackFrom = Optional.of(primary.taskDefinitionArn());
      start(tick, target.get().taskDefinitionArn(), target.get().taskDefinition(), primary.desiredCount(),
          " Rolling back from " + primary.taskDefinitionArn() + " after deployment " + primary.id() + " failed.");
    } else if (breaker.get().rollback()) {
      tick.event("has no COMPLETED deployment to roll back to; deployment " + primary.id() + " stays FAILED.");
    }
  }

  /** Marks the PRIMARY COMPLETED once it has all its healthy tasks and nothing else runs; drops drained deployments. */
  static void checkCompletion(Tick tick, int healthyPrimary, int otherLive) {
    Deployment primary = tick.primary();
    if (otherLive == 0) {
      tick.deployments.removeIf(d -> d.status() != DeploymentStatus.PRIMARY);
    }
    if (primary.rolloutState() == RolloutState.IN_PROGRESS && otherLive == 0 && healthyPrimary >= primary.desiredCount()) {
      Deployment done = primary.withRollout(RolloutState.COMPLETED, "ECS deployment " + primary.id() + " completed.", tick.now);
      tick.replacePrimary(done);
      tick.lastCompleted = Optional.of(done);
      tick.startFailures = 0;
      tick.retryAfter = Optional.empty();
      tick.event("deployment " + primary.id() + " deployment completed.");
    }
  }
}
