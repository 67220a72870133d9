package io.berth.engine.server;

import io.berth.engine.api.DesiredStatus;
import io.berth.engine.api.TaskStatus;
import io.berth.model.Service;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One service's share of a reconcile pass, following the ECS rolling update rules: start a
 * deployment when the declared revision changes, launch new tasks while alive tasks stay within
 * floor(desired * maximumPercent / 100), stop old tasks only while healthy tasks stay at or above
 * ceil(desired * minimumHealthyPercent / 100), trip the circuit breaker and roll back, and report
 * the steady state once.
 */
final class ServiceStep {
  private final ClusterSnapshot.Builder next;
  private final DeclaredState declared;
  private final Service service;
  private final Instant now;
  private final Supplier<String> ids;
  private final String name;

  ServiceStep(ClusterSnapshot.Builder next, DeclaredState declared, Service service, Instant now,
      Supplier<String> ids) {
    this.next = next;
    this.declared = declared;
    this.service = service;
    this.now = now;
    this.ids = ids;
    this.name = service.serviceName();
  }

  void run() {
    Optional<DeclaredState.Revision> revision = declared.resolve(service.taskDefinition());
    if (revision.isEmpty()) {
      next.eventOnce(now, name, "(service " + name + ") cannot find task definition " + service.taskDefinition()
          + " in the state repository; apply a plan that registers it.");
      return;
    }
    int desired = desiredCount();
    Deployment primary = primaryFor(revision.get(), desired);
    primary = tripBreaker(primary, desired);
    launch(primary, desired);
    scaleIn(primary, desired);
    stopOldTasks(primary, desired);
    complete(primary, desired);
  }

  private int desiredCount() {
    if (Reconciler.isDaemon(service)) {
      return (int) next.instances.values().stream()
          .filter(i -> i.status() == InstanceRecord.InstanceStatus.ACTIVE)
          .filter(i -> i.cluster().equals(service.cluster()) || i.cluster().equals(Placement.ANY_CLUSTER))
          .count();
    }
    return service.desiredCount().orElse(1);
  }

  private List<Deployment> deployments() {
    return next.deployments.values().stream()
        .filter(d -> d.serviceName().equals(name) && d.cluster().equals(service.cluster()))
        .sorted(Comparator.comparing(Deployment::createdAt).thenComparing(Deployment::id))
        .collect(Collectors.toList());
  }

  private Deployment primaryFor(DeclaredState.Revision revision, int desired) {
    Optional<Deployment> primary = deployments().stream().filter(d -> d.status() == Deployment.Status.PRIMARY).findFirst();
    boolean declaredChanged = primary.isEmpty() || primary.get().sourceRevision() != revision.revision()
        || !primary.get().family().equals(revision.family());
    if (!declaredChanged) {
      Deployment current = primary.get();
      if (current.desiredCount() != desired) {
        current = current.withDesiredCount(desired);
        next.deployments.put(current.id(), current);
      }
      return current;
    }
    primary.ifPresent(old -> next.deployments.put(old.id(),
        old.with(Deployment.Status.ACTIVE, old.rolloutState(), Optional.empty(), now)));
    Deployment created = new Deployment("ecs-svc/" + ids.get(), service.cluster(), name, revision.family(),
        revision.revision(), revision.revision(), revision.definition(), Deployment.Status.PRIMARY,
        Deployment.RolloutState.IN_PROGRESS, desired, 0, 0, now, now, now, Optional.empty());
    next.deployments.put(created.id(), created);
    next.event(now, name, "(service " + name + ") started deployment " + created.id() + " of "
        + created.taskDefinitionId() + " (" + desired + " tasks).");
    return created;
  }

  private Deployment tripBreaker(Deployment primary, int desired) {
    var breaker = Reconciler.breaker(service);
    int threshold = Reconciler.breakerThreshold(desired);
    if (breaker.isEmpty() || primary.rolloutState() != Deployment.RolloutState.IN_PROGRESS
        || primary.failedTasks() < threshold) {
      return primary;
    }
    String reason = "tasks failed to start: " + primary.failedTasks() + " of threshold " + threshold;
    Deployment failed = primary.with(Deployment.Status.PRIMARY, Deployment.RolloutState.FAILED, Optional.of(reason), now);
    next.deployments.put(failed.id(), failed);
    next.event(now, name, "(service " + name + ") (deployment " + failed.id() + ") deployment failed: " + reason + ".");
    stopTasksOf(failed, "Deployment " + failed.id() + " failed (circuit breaker)");
    if (!breaker.get().rollback()) {
      return failed;
    }
    Optional<Deployment> lastGood = deployments().stream()
        .filter(d -> d.rolloutState() == Deployment.RolloutState.COMPLETED && !d.id().equals(failed.id()))
        .max(Comparator.comparing(Deployment::updatedAt));
    if (lastGood.isEmpty()) {
      next.event(now, name, "(service " + name + ") has no completed deployment to roll back to.");
      return failed;
    }
    Deployment good = lastGood.get();
    next.deployments.put(failed.id(), failed.with(Deployment.Status.ACTIVE, Deployment.RolloutState.FAILED, Optional.empty(), now));
    Deployment rollback = new Deployment("ecs-svc/" + ids.get(), service.cluster(), name, good.family(),
        good.revision(), failed.sourceRevision(), good.taskDefinition(), Deployment.Status.PRIMARY,
        Deployment.RolloutState.IN_PROGRESS, desired, 0, 0, now, now, now,
        Optional.of("rolling back from " + failed.taskDefinitionId()));
    next.deployments.put(rollback.id(), rollback);
    next.event(now, name, "(service " + name + ") (deployment " + failed.id() + ") rolling back to "
        + rollback.taskDefinitionId() + " in deployment " + rollback.id() + ".");
    return rollback;
  }

  private void launch(Deployment primary, int desired) {
    if (primary.rolloutState() == Deployment.RolloutState.FAILED || now.isBefore(primary.nextLaunchAt())) {
      return;
    }
    int maxAlive = Math.max(desired, Math.floorDiv(desired * service.deploymentConfiguration().maximumPercent(), 100));
    int wantedNew = (int) tasksOf(primary).stream().filter(TaskRecord::wanted).count();
    int alive = (int) serviceTasks().stream().filter(TaskRecord::alive).count();
    int toLaunch = Math.min(desired - wantedNew, maxAlive - alive);
    if (toLaunch <= 0) {
      return;
    }
    var outcome = Placement.place(service, primary.taskDefinition(), toLaunch, next.instances.values(),
        next.tasks.values(), next.deployments, primary.id().hashCode() * 31L + next.tasks.size());
    for (String instanceId : outcome.instanceIds()) {
      TaskRecord task = TaskRecord.placed(ids.get(), primary, instanceId, now);
      next.tasks.put(task.taskId(), task);
    }
    if (outcome.instanceIds().size() < toLaunch) {
      next.eventOnce(now, name, "(service " + name + ") was unable to place a task because no container instance"
          + " met all of its requirements. Reason: " + outcome.reason());
    }
  }

  private void scaleIn(Deployment primary, int desired) {
    List<TaskRecord> wanted = tasksOf(primary).stream().filter(TaskRecord::wanted)
        .sorted(Comparator.comparing((TaskRecord t) -> t.healthySince().isPresent())
            .thenComparing(TaskRecord::createdAt, Comparator.reverseOrder()))
        .collect(Collectors.toList());
    for (int i = 0; i < wanted.size() - desired; i++) {
      TaskRecord task = wanted.get(i);
      next.tasks.put(task.taskId(), task.stop("Scaling activity initiated by (deployment " + primary.id() + ")"));
    }
  }

  private void stopOldTasks(Deployment primary, int desired) {
    int minHealthy = (desired * service.deploymentConfiguration().minimumHealthyPercent() + 99) / 100;
    long healthy = serviceTasks().stream().filter(ServiceStep::healthy).count();
    List<TaskRecord> old = serviceTasks().stream()
        .filter(t -> t.wanted() && !t.deploymentId().equals(primary.id()))
        .sorted(Comparator.comparing((TaskRecord t) -> healthy(t)).thenComparing(TaskRecord::createdAt))
        .collect(Collectors.toList());
    for (TaskRecord task : old) {
      boolean isHealthy = healthy(task);
      if (isHealthy && healthy - 1 < minHealthy) {
        break;
      }
      if (isHealthy) {
        healthy--;
      }
      next.tasks.put(task.taskId(), task.stop("Deployment " + primary.id() + " replaced this task"));
    }
  }

  private void complete(Deployment primary, int desired) {
    long healthyNew = tasksOf(primary).stream().filter(ServiceStep::healthy).count();
    boolean othersAlive = serviceTasks().stream().anyMatch(t -> t.alive() && !t.deploymentId().equals(primary.id()));
    for (Deployment other : deployments()) {
      boolean drained = tasksOf(other).stream().noneMatch(TaskRecord::alive);
      if (!other.id().equals(primary.id()) && other.status() == Deployment.Status.ACTIVE && drained) {
        next.deployments.put(other.id(), other.with(Deployment.Status.INACTIVE, other.rolloutState(), Optional.empty(), now));
      }
    }
    boolean steady = healthyNew >= desired && !othersAlive
        && tasksOf(primary).stream().filter(TaskRecord::wanted).count() == desired;
    if (!steady || primary.rolloutState() == Deployment.RolloutState.FAILED) {
      return;
    }
    if (primary.rolloutState() == Deployment.RolloutState.IN_PROGRESS) {
      next.deployments.put(primary.id(), primary.with(Deployment.Status.PRIMARY, Deployment.RolloutState.COMPLETED,
          Optional.of("ECS deployment " + primary.id() + " completed."), now));
      next.event(now, name, "(service " + name + ") (deployment " + primary.id() + ") deployment completed.");
    }
    next.eventOnce(now, name, "(service " + name + ") has reached a steady state.");
  }

  private void stopTasksOf(Deployment deployment, String reason) {
    for (TaskRecord task : tasksOf(deployment)) {
      if (task.desiredStatus() == DesiredStatus.RUNNING) {
        next.tasks.put(task.taskId(), task.stop(reason));
      }
    }
  }

  private List<TaskRecord> tasksOf(Deployment deployment) {
    return next.tasks.values().stream().filter(t -> t.deploymentId().equals(deployment.id())).collect(Collectors.toList());
  }

  private List<TaskRecord> serviceTasks() {
    return next.tasks.values().stream()
        .filter(t -> t.serviceName().equals(name) && t.cluster().equals(service.cluster()))
        .collect(Collectors.toList());
  }

  /** Wanted, running and past its health gate. */
  static boolean healthy(TaskRecord task) {
    return task.wanted() && task.lastStatus() == TaskStatus.RUNNING && task.healthySince().isPresent();
  }
}
