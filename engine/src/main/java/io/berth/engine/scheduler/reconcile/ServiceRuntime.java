package io.berth.engine.scheduler.reconcile;

import io.berth.engine.scheduler.deployment.Deployment;
import io.berth.engine.scheduler.deployment.DeploymentStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scheduler's memory of one service between ticks. The control plane stores the runtime a
 * {@link ReconcileResult} returns and passes it to the next reconcile; start a new service with
 * {@link #initial(String)}. Plain data, so it can be persisted as JSON.
 *
 * @param deployments PRIMARY first, then ACTIVE ones still draining
 * @param lastCompleted the deployment that last reached COMPLETED: the circuit breaker's rollback target
 * @param rolledBackFrom the task definition a rollback abandoned; not redeployed until the service names another
 * @param startFailures consecutive tasks that stopped before reaching RUNNING (the throttle's count)
 * @param retryAfter no new task is started before this instant (start-failure throttle)
 * @param requestedStops tasks the scheduler asked to stop, so their STOPPED state is not taken for a failure
 * @param accountedStops STOPPED tasks already counted, so a task seen in two snapshots counts once
 * @param steady whether the last tick found the service in a steady state (to emit that event once)
 * @param lastUnplacedReason the last "unable to place" reason and when it was reported
 * @param lastFailed the last deployment the circuit breaker failed, kept for display once drained
 *     (until the service names another task definition)
 */
public record ServiceRuntime(
    String serviceName,
    List<Deployment> deployments,
    Optional<Deployment> lastCompleted,
    Optional<String> rolledBackFrom,
    int startFailures,
    Optional<Instant> retryAfter,
    Set<String> requestedStops,
    Set<String> accountedStops,
    boolean steady,
    long nextTaskNumber,
    long nextDeploymentNumber,
    Optional<String> lastUnplacedReason,
    Optional<Instant> lastUnplacedAt,
    Optional<Deployment> lastFailed) {

  /** Copies collections (sorted, for stable output). */
  public ServiceRuntime {
    Objects.requireNonNull(serviceName, "serviceName == null");
    deployments = List.copyOf(deployments);
    Objects.requireNonNull(lastCompleted, "lastCompleted == null");
    Objects.requireNonNull(rolledBackFrom, "rolledBackFrom == null");
    Objects.requireNonNull(retryAfter, "retryAfter == null");
    requestedStops = Collections.unmodifiableSet(new TreeSet<>(requestedStops));
    accountedStops = Collections.unmodifiableSet(new TreeSet<>(accountedStops));
    Objects.requireNonNull(lastUnplacedReason, "lastUnplacedReason == null");
    Objects.requireNonNull(lastUnplacedAt, "lastUnplacedAt == null");
    Objects.requireNonNull(lastFailed, "lastFailed == null");
  }

  /** A service the scheduler has not seen yet. */
  public static ServiceRuntime initial(String serviceName) {
    return new ServiceRuntime(serviceName, List.of(), Optional.empty(), Optional.empty(), 0, Optional.empty(),
        Set.of(), Set.of(), false, 1, 1, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The deployment being rolled out, if any. */
  public Optional<Deployment> primary() {
    return deployments.stream().filter(d -> d.status() == DeploymentStatus.PRIMARY).findFirst();
  }
}
