package io.berth.engine.server;

import io.berth.engine.api.DesiredStatus;
import io.berth.engine.api.HealthStatus;
import io.berth.engine.api.TaskStatus;
import io.berth.model.DeploymentCircuitBreaker;
import io.berth.model.SchedulingStrategy;
import io.berth.model.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One reconcile pass, pure: (snapshot, declared state, now) to the next snapshot. Marks lost
 * instances, folds stopped and unhealthy tasks into their deployments' failure counts, then runs
 * every declared service's deployment step ({@link ServiceStep}) and retires what is no longer
 * declared. New ids come from {@code ids} so tests can make them predictable.
 */
public final class Reconciler {
  private final ReconcileSettings settings;
  private final Supplier<String> ids;

  /** A reconciler with these timing rules, drawing new task and deployment ids from {@code ids}. */
  public Reconciler(ReconcileSettings settings, Supplier<String> ids) {
    this.settings = settings;
    this.ids = ids;
  }

  /** The next snapshot. */
  public ClusterSnapshot reconcile(ClusterSnapshot snapshot, DeclaredState declared, Instant now) {
    ClusterSnapshot.Builder next = snapshot.toBuilder();
    markLostInstances(next, now);
    foldFailures(next, declared, now);
    markHealthy(next, declared, now);
    Set<String> declaredKeys = new HashSet<>();
    for (Service service : declared.services()) {
      declaredKeys.add(key(service.cluster(), service.serviceName()));
      new ServiceStep(next, declared, service, now, ids).run();
    }
    retireUndeclared(next, declaredKeys, now);
    prune(next, now);
    return next.build();
  }

  static String key(String cluster, String service) {
    return cluster + "/" + service;
  }

  private void markLostInstances(ClusterSnapshot.Builder next, Instant now) {
    for (InstanceRecord instance : List.copyOf(next.instances.values())) {
      boolean silent = instance.lastSyncAt().plus(settings.lostAfter()).isBefore(now);
      if (instance.status() == InstanceRecord.InstanceStatus.ACTIVE && silent) {
        next.instances.put(instance.instanceId(), instance.withStatus(InstanceRecord.InstanceStatus.LOST));
        next.event(now, "", "(instance " + instance.instanceId() + ") missed its syncs for "
            + settings.lostAfter().toSeconds() + " s and is LOST; its tasks will be replaced.");
      }
    }
    for (TaskRecord task : List.copyOf(next.tasks.values())) {
      InstanceRecord instance = next.instances.get(task.instanceId());
      boolean lost = instance == null || instance.status() == InstanceRecord.InstanceStatus.LOST;
      if (task.alive() && lost) {
        next.tasks.put(task.taskId(), task.lost(now));
      }
    }
  }

  /** Stopped or unhealthy tasks that are still wanted: stop them, and count start failures. */
  private void foldFailures(ClusterSnapshot.Builder next, DeclaredState declared, Instant now) {
    for (TaskRecord task : List.copyOf(next.tasks.values())) {
      if (task.desiredStatus() == DesiredStatus.STOPPED) {
        if (task.lastStatus() == TaskStatus.PROVISIONING) {
          // Never seen by its agent: nothing runs, so it is stopped already.
          next.tasks.put(task.taskId(), task.observe(new io.berth.engine.api.ObservedTask(task.taskId(),
              TaskStatus.STOPPED, HealthStatus.UNKNOWN, List.of(), task.stoppedReason(), Optional.empty(),
              Optional.of(now.toString())), now));
        }
        continue;
      }
      boolean stopped = task.lastStatus() == TaskStatus.STOPPED;
      boolean unhealthy = task.healthStatus() == HealthStatus.UNHEALTHY && task.lastStatus() == TaskStatus.RUNNING
          && !inGracePeriod(task, declared, now);
      if (!stopped && !unhealthy) {
        continue;
      }
      String reason = stopped ? task.stoppedReason().orElse("Essential container in task exited")
          : "Task failed container health checks";
      next.tasks.put(task.taskId(), task.stop(reason));
      next.event(now, task.serviceName(), "(service " + task.serviceName() + ") has stopped 1 running tasks: (task "
          + task.taskId() + "): " + reason + ".");
      Deployment deployment = next.deployments.get(task.deploymentId());
      if (deployment != null && task.healthySince().isEmpty()) {
        int consecutive = task.runningSince().isEmpty() ? deployment.consecutiveStartFailures() + 1 : 0;
        long delaySeconds = consecutive == 0 ? 0 : Math.min(1L << Math.min(consecutive - 1, 20),
            settings.maxLaunchDelay().toSeconds());
        int failed = deployment.rolloutState() == Deployment.RolloutState.IN_PROGRESS
            ? deployment.failedTasks() + 1 : deployment.failedTasks();
        next.deployments.put(deployment.id(),
            deployment.withFailures(failed, consecutive, now.plus(Duration.ofSeconds(delaySeconds))));
      }
    }
  }

  /** ECS ignores failing health checks for healthCheckGracePeriodSeconds after a task starts. */
  private static boolean inGracePeriod(TaskRecord task, DeclaredState declared, Instant now) {
    int grace = declared.services().stream()
        .filter(s -> s.serviceName().equals(task.serviceName()) && s.cluster().equals(task.cluster()))
        .findFirst().flatMap(Service::healthCheckGracePeriodSeconds).orElse(0);
    return task.runningSince().map(start -> start.plusSeconds(grace).isAfter(now)).orElse(true);
  }

  private void markHealthy(ClusterSnapshot.Builder next, DeclaredState declared, Instant now) {
    for (TaskRecord task : List.copyOf(next.tasks.values())) {
      if (!task.wanted() || task.lastStatus() != TaskStatus.RUNNING || task.healthySince().isPresent()) {
        continue;
      }
      Deployment deployment = next.deployments.get(task.deploymentId());
      if (deployment == null) {
        continue;
      }
      boolean hasHealthCheck = deployment.taskDefinition().containerDefinitions().stream()
          .anyMatch(c -> c.essential().orElse(true) && c.healthCheck().isPresent());
      boolean containersHealthy = hasHealthCheck
          ? task.healthStatus() == HealthStatus.HEALTHY
          : task.runningSince().map(s -> !s.plus(settings.healthyAfter()).isAfter(now)).orElse(false);
      boolean behindLoadBalancer = declared.services().stream()
          .anyMatch(s -> s.serviceName().equals(task.serviceName()) && !s.loadBalancers().isEmpty());
      if (containersHealthy && (!behindLoadBalancer || task.targetHealthy())) {
        next.tasks.put(task.taskId(), task.healthyFrom(now));
        if (deployment.consecutiveStartFailures() > 0) {
          next.deployments.put(deployment.id(), deployment.withFailures(deployment.failedTasks(), 0, now));
        }
      }
    }
  }

  private void retireUndeclared(ClusterSnapshot.Builder next, Set<String> declaredKeys, Instant now) {
    for (Deployment deployment : List.copyOf(next.deployments.values())) {
      if (declaredKeys.contains(key(deployment.cluster(), deployment.serviceName()))
          || deployment.status() == Deployment.Status.INACTIVE) {
        continue;
      }
      boolean anyAlive = false;
      for (TaskRecord task : List.copyOf(next.tasks.values())) {
        if (task.deploymentId().equals(deployment.id()) && task.alive()) {
          anyAlive = true;
          if (task.desiredStatus() == DesiredStatus.RUNNING) {
            next.tasks.put(task.taskId(), task.stop("Service " + deployment.serviceName() + " was deleted"));
          }
        }
      }
      if (!anyAlive) {
        next.deployments.put(deployment.id(), deployment.with(Deployment.Status.INACTIVE,
            deployment.rolloutState(), Optional.empty(), now));
        next.eventOnce(now, deployment.serviceName(), "(service " + deployment.serviceName() + ") was deleted.");
      }
    }
  }

  /** Forgets tasks stopped over an hour ago and all but the newest inactive deployments. */
  private void prune(ClusterSnapshot.Builder next, Instant now) {
    Instant horizon = now.minus(Duration.ofHours(1));
    next.tasks.values().removeIf(t -> !t.alive() && t.stoppedAt().map(horizon::isAfter).orElse(false));
    Set<String> referenced = next.tasks.values().stream().map(TaskRecord::deploymentId).collect(Collectors.toSet());
    var inactive = next.deployments.values().stream()
        .filter(d -> d.status() == Deployment.Status.INACTIVE && !referenced.contains(d.id()))
        .sorted(Comparator.comparing(Deployment::updatedAt).reversed())
        .collect(Collectors.groupingBy(d -> key(d.cluster(), d.serviceName())));
    for (List<Deployment> old : inactive.values()) {
      // Keep the last completed one: the roll back target.
      old.stream().skip(5).filter(d -> d.rolloutState() != Deployment.RolloutState.COMPLETED)
          .forEach(d -> next.deployments.remove(d.id()));
    }
  }

  /** The circuit breaker threshold: clamp(ceil(0.5 * desired), 3, 200). */
  static int breakerThreshold(int desired) {
    return Math.max(3, Math.min(200, (desired + 1) / 2));
  }

  static Optional<DeploymentCircuitBreaker> breaker(Service service) {
    return service.deploymentConfiguration().deploymentCircuitBreaker().filter(DeploymentCircuitBreaker::enable);
  }

  static boolean isDaemon(Service service) {
    return service.schedulingStrategy() == SchedulingStrategy.DAEMON;
  }
}
