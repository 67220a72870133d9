package io.berth.engine.scheduler.deployment;

import io.berth.engine.scheduler.Task;
import io.berth.model.DeploymentCircuitBreaker;
import io.berth.model.TaskDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One service's deployments while the service scheduler reconciles it: a new PRIMARY when the
 * service names another task definition, failure counting, the circuit breaker (with rollback to
 * the last COMPLETED deployment) and the start-failure throttle. Mutable and short-lived: built
 * from the service's runtime at the start of a reconcile, read back into the next runtime at the
 * end. What happens is told to {@code events} in ECS's words, e.g. "has started deployment
 * ecs-svc/2 of task definition web:2.".
 */
public final class Deployments {
  private final List<Deployment> deployments;
  private Optional<Deployment> lastCompleted;
  private Optional<String> rolledBackFrom;
  private int startFailures;
  private Optional<Instant> retryAfter;
  private long nextDeploymentNumber;
  private Optional<Deployment> lastFailed;
  private boolean started;
  private final Instant now;
  private final Duration throttleBase;
  private final Duration throttleCap;
  private final Consumer<String> events;

  /**
   * Picks up where the last reconcile left off (the deployment fields of the service's runtime).
   *
   * @param throttleBase first retry delay after a task fails to start; doubles per failure up to {@code throttleCap}
   * @param events receives each event's message, without the "(service name)" prefix
   */
  public Deployments(List<Deployment> deployments, Optional<Deployment> lastCompleted, Optional<String> rolledBackFrom,
      int startFailures, Optional<Instant> retryAfter, long nextDeploymentNumber, Optional<Deployment> lastFailed,
      Instant now, Duration throttleBase, Duration throttleCap, Consumer<String> events) {
    this.deployments = new ArrayList<>(deployments);
    this.lastCompleted = lastCompleted;
    this.rolledBackFrom = rolledBackFrom;
    this.startFailures = startFailures;
    this.retryAfter = retryAfter;
    this.nextDeploymentNumber = nextDeploymentNumber;
    this.lastFailed = lastFailed;
    this.now = now;
    this.throttleBase = throttleBase;
    this.throttleCap = throttleCap;
    this.events = events;
  }

  /** The deployment being rolled out (call {@link #ensurePrimary} first). */
  public Deployment primary() {
    return deployments.get(0);
  }

  /** The deployment with this id, if the service still has it. */
  public Optional<Deployment> find(Optional<String> id) {
    return id.flatMap(wanted -> deployments.stream().filter(d -> d.id().equals(wanted)).findFirst());
  }

  /** Whether the start-failure throttle holds new tasks back now. */
  public boolean throttled() {
    return retryAfter.map(now::isBefore).orElse(false);
  }

  /** Whether this reconcile started a deployment (so the service is no longer in a steady state). */
  public boolean startedOne() {
    return started;
  }

  /** Makes sure the PRIMARY deployment runs the task definition the service names. */
  public void ensurePrimary(String arn, TaskDefinition definition, int desiredCount) {
    boolean current = !deployments.isEmpty() && primary().taskDefinitionArn().equals(arn);
    boolean abandoned = rolledBackFrom.map(arn::equals).orElse(false);
    if (deployments.isEmpty() || (!current && !abandoned)) {
      start(arn, definition, desiredCount, "");
      rolledBackFrom = Optional.empty();
      lastFailed = Optional.empty();
    }
    replacePrimary(primary().withDesiredCount(desiredCount));
  }

  private void start(String arn, TaskDefinition definition, int desiredCount, String why) {
    if (!deployments.isEmpty()) {
      replacePrimary(primary().withStatus(DeploymentStatus.ACTIVE, now));
    }
    String id = "ecs-svc/" + nextDeploymentNumber++;
    deployments.add(0, new Deployment(id, arn, definition, DeploymentStatus.PRIMARY, RolloutState.IN_PROGRESS,
        "ECS deployment " + id + " in progress." + why, desiredCount, 0, now, now));
    startFailures = 0;
    retryAfter = Optional.empty();
    started = true;
    events.accept("has started deployment " + id + " of task definition " + arn + "." + why);
  }

  /** Counts a failed task against its deployment, if that deployment is still rolling out. */
  public void countFailure(Task task) {
    for (int k = 0; k < deployments.size(); k++) {
      Deployment d = deployments.get(k);
      if (task.deploymentId().map(d.id()::equals).orElse(false) && d.rolloutState() == RolloutState.IN_PROGRESS) {
        deployments.set(k, d.withFailedTasks(d.failedTasks() + 1, now));
      }
    }
  }

  /** A task stopped before ever reaching RUNNING: count it and push the next start attempt back. */
  public void startFailed(Task task) {
    countFailure(task);
    startFailures++;
    Duration delay = throttleBase.multipliedBy(1L << Math.min(startFailures - 1, 20));
    if (delay.compareTo(throttleCap) > 0) {
      delay = throttleCap;
    }
    retryAfter = Optional.of(now.plus(delay));
    events.accept("is unable to consistently start tasks successfully. Task " + task.taskId() + " stopped before RUNNING: "
        + task.stoppedReason().orElse("no reason given") + "; next attempt in " + delay.toSeconds() + " s.");
  }

  /** The circuit breaker threshold: clamp(ceil(0.5 * desired), 3, 200). */
  public static int threshold(int desiredCount) {
    return Math.max(3, Math.min(200, (desiredCount + 1) / 2));
  }

  /** Trips the breaker when the PRIMARY deployment has failed too often; rolls back when asked to. */
  public void checkCircuitBreaker(Optional<DeploymentCircuitBreaker> breaker) {
    Deployment primary = primary();
    if (breaker.isEmpty() || !breaker.get().enable() || primary.rolloutState() != RolloutState.IN_PROGRESS) {
      return;
    }
    int threshold = threshold(primary.desiredCount());
    if (primary.failedTasks() < threshold) {
      return;
    }
    String reason = "ECS deployment circuit breaker: " + primary.failedTasks() + " tasks failed to start or failed health checks (threshold "
        + threshold + ").";
    replacePrimary(primary.withRollout(RolloutState.FAILED, reason, now));
    lastFailed = Optional.of(primary());
    events.accept("deployment " + primary.id() + " deployment failed: " + reason);
    Optional<Deployment> target = lastCompleted.filter(d -> !d.taskDefinitionArn().equals(primary.taskDefinitionArn()));
    if (breaker.get().rollback() && target.isPresent()) {
      rolledBackFrom = Optional.of(primary.taskDefinitionArn());
      start(target.get().taskDefinitionArn(), target.get().taskDefinition(), primary.desiredCount(),
          " Rolling back from " + primary.taskDefinitionArn() + " after deployment " + primary.id() + " failed.");
    } else if (breaker.get().rollback()) {
      events.accept("has no COMPLETED deployment to roll back to; deployment " + primary.id() + " stays FAILED.");
    }
  }

  /** Marks the PRIMARY COMPLETED once it has all its healthy tasks and nothing else runs; drops drained deployments. */
  public void checkCompletion(int healthyPrimary, int otherLive) {
    Deployment primary = primary();
    if (otherLive == 0) {
      deployments.removeIf(d -> d.status() != DeploymentStatus.PRIMARY);
    }
    if (primary.rolloutState() == RolloutState.IN_PROGRESS && otherLive == 0 && healthyPrimary >= primary.desiredCount()) {
      Deployment done = primary.withRollout(RolloutState.COMPLETED, "ECS deployment " + primary.id() + " completed.", now);
      replacePrimary(done);
      lastCompleted = Optional.of(done);
      startFailures = 0;
      retryAfter = Optional.empty();
      events.accept("deployment " + primary.id() + " deployment completed.");
    }
  }

  private void replacePrimary(Deployment updated) {
    deployments.set(0, updated);
  }

  /** PRIMARY first, then ACTIVE ones still draining: the next runtime's deployments. */
  public List<Deployment> deployments() {
    return List.copyOf(deployments);
  }

  /** The deployment that last reached COMPLETED: the circuit breaker's rollback target. */
  public Optional<Deployment> lastCompleted() {
    return lastCompleted;
  }

  /** The task definition a rollback abandoned. */
  public Optional<String> rolledBackFrom() {
    return rolledBackFrom;
  }

  /** Consecutive tasks that stopped before reaching RUNNING. */
  public int startFailures() {
    return startFailures;
  }

  /** No new task is started before this instant. */
  public Optional<Instant> retryAfter() {
    return retryAfter;
  }

  /** The number the next deployment id gets. */
  public long nextDeploymentNumber() {
    return nextDeploymentNumber;
  }

  /** The last deployment the circuit breaker failed. */
  public Optional<Deployment> lastFailed() {
    return lastFailed;
  }
}
