package io.berth.engine.scheduler.reconcile;

import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskLaunch;
import io.berth.engine.scheduler.TaskStop;
import io.berth.engine.scheduler.deployment.Deployment;
import io.berth.engine.scheduler.deployment.Deployments;
import io.berth.engine.scheduler.placement.WorkingCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The working state of one reconcile of one service: the runtime being updated (its deployments in
 * {@link Deployments}) and the decisions collected so far. Lives for one call; the public result is
 * built from it at the end.
 */
final class Tick {
  final ServiceSpec spec;
  final ClusterSnapshot snapshot;
  /** The snapshot's tasks by group and their ids, shared by every service of the pass. */
  final SnapshotIndex index;
  final WorkingCluster cluster;
  final Instant now;
  final SchedulerSettings settings;
  final SplittableRandom random;

  final Deployments deployments;
  final Set<String> requestedStops;
  final Set<String> accountedStops;
  boolean steady;
  long nextTaskNumber;
  Optional<String> lastUnplacedReason;
  Optional<Instant> lastUnplacedAt;

  final List<TaskLaunch> launches = new ArrayList<>();
  final List<TaskStop> stops = new ArrayList<>();
  final Set<String> stoppedNow = new HashSet<>();
  final List<ServiceEvent> events = new ArrayList<>();
  int pending;
  Optional<String> unplacedReason = Optional.empty();

  Tick(ServiceSpec spec, ClusterSnapshot snapshot, SnapshotIndex index, WorkingCluster cluster, ServiceRuntime runtime,
      Instant now, SchedulerSettings settings) {
    this.spec = spec;
    this.snapshot = snapshot;
    this.index = index;
    this.cluster = cluster;
    this.now = now;
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed() ^ now.toEpochMilli() * 31 ^ spec.name().hashCode());
    this.deployments = new Deployments(runtime.deployments(), runtime.lastCompleted(), runtime.rolledBackFrom(),
        runtime.startFailures(), runtime.retryAfter(), runtime.nextDeploymentNumber(), runtime.lastFailed(), now,
        settings.throttleBase(), settings.throttleCap(), this::event);
    this.requestedStops = new TreeSet<>(runtime.requestedStops());
    this.accountedStops = new TreeSet<>(runtime.accountedStops());
    this.steady = runtime.steady();
    this.nextTaskNumber = runtime.nextTaskNumber();
    this.lastUnplacedReason = runtime.lastUnplacedReason();
    this.lastUnplacedAt = runtime.lastUnplacedAt();
  }

  String name() {
    return spec.name();
  }

  void event(String message) {
    events.add(new ServiceEvent(now, "(service " + name() + ") " + message));
  }

  Deployment primary() {
    return deployments.primary();
  }

  Optional<Deployment> deployment(Optional<String> id) {
    return deployments.find(id);
  }

  void stop(Task task, String reason, boolean instanceLost) {
    if (stoppedNow.add(task.taskId())) {
      stops.add(new TaskStop(task.taskId(), task.instanceId(), reason, instanceLost));
      requestedStops.add(task.taskId());
    }
  }

  boolean throttled() {
    return deployments.throttled();
  }

  void unplaced(int count, String reason) {
    pending += count;
    unplacedReason = Optional.of(reason);
    boolean repeat = lastUnplacedReason.equals(unplacedReason)
        && lastUnplacedAt.map(at -> now.isBefore(at.plus(settings.unplacedEventInterval()))).orElse(false);
    if (!repeat) {
      event("was unable to place a task because no container instance met all of its requirements. Reason: " + reason + ".");
      lastUnplacedReason = unplacedReason;
      lastUnplacedAt = Optional.of(now);
    }
  }

  ReconcileResult result() {
    Set<String> launched = new HashSet<>();
    launches.forEach(l -> launched.add(l.taskId()));
    // Stops of tasks the snapshot no longer has are forgotten: a lookup each, not a set of every id.
    requestedStops.removeIf(id -> !index.known(id) && !launched.contains(id));
    accountedStops.removeIf(id -> !index.known(id) && !launched.contains(id));
    if (pending == 0) {
      lastUnplacedReason = Optional.empty();
      lastUnplacedAt = Optional.empty();
    }
    if (!launches.isEmpty()) {
      StringBuilder ids = new StringBuilder();
      launches.forEach(l -> ids.append(" (task ").append(l.taskId()).append(')'));
      event("has started " + launches.size() + " tasks:" + ids + ".");
    }
    List<TaskStop> voluntary = stops.stream().filter(s -> !s.instanceLost()).collect(Collectors.toList());
    if (!voluntary.isEmpty()) {
      StringBuilder ids = new StringBuilder();
      voluntary.forEach(s -> ids.append(" (task ").append(s.taskId()).append(')'));
      event("has stopped " + voluntary.size() + " running tasks:" + ids + ".");
    }
    ServiceRuntime runtime = new ServiceRuntime(name(), deployments.deployments(), deployments.lastCompleted(),
        deployments.rolledBackFrom(), deployments.startFailures(), deployments.retryAfter(), requestedStops,
        accountedStops, steady, nextTaskNumber, deployments.nextDeploymentNumber(), lastUnplacedReason, lastUnplacedAt,
        deployments.lastFailed());
    return new ReconcileResult(launches, stops, runtime, events, pending, pending > 0 ? unplacedReason : Optional.empty());
  }
}
