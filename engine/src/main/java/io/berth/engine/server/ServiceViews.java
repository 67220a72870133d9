package io.berth.engine.server;

import io.berth.engine.scheduler.deployment.Deployment;
import io.berth.engine.scheduler.deployment.DeploymentStatus;
import io.berth.engine.scheduler.reconcile.ServiceRuntime;
import io.berth.engine.task.TaskStatus;
import io.berth.model.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Projects a snapshot into the read-only views the CLI asks for. */
final class ServiceViews {
  private ServiceViews() {}

  static List<ServiceView> services(ControlPlaneSnapshot snapshot, DeclaredSnapshot declared, Instant now, Duration healthyAfter) {
    List<ServiceView> views = new ArrayList<>();
    Map<String, Integer> instances = new HashMap<>();
    for (InstanceRecord instance : snapshot.instances().values()) {
      if (instance.status() != InstanceRecord.InstanceStatus.LOST) {
        instances.merge(instance.cluster(), 1, Integer::sum);
      }
    }
    int everywhere = instances.getOrDefault(SchedulerRun.ANY_CLUSTER, 0);
    for (Service service : declared.services()) {
      List<TaskRecord> tasks = snapshot.tasks().values().stream()
          .filter(t -> t.serviceName().equals(service.serviceName()) && t.cluster().equals(service.cluster()))
          .collect(Collectors.toList());
      Optional<ServiceRuntime> runtime = Optional.ofNullable(
          snapshot.runtimes().get(ControlPlaneSnapshot.serviceKey(service.cluster(), service.serviceName())));
      // The core keeps PRIMARY first, then ACTIVE ones draining; a failed one stays visible once drained.
      List<Deployment> shown = new ArrayList<>(runtime.map(ServiceRuntime::deployments).orElse(List.of()));
      runtime.flatMap(ServiceRuntime::lastFailed).filter(f -> shown.stream().noneMatch(d -> d.id().equals(f.id())))
          .ifPresent(shown::add);
      List<ServiceView.DeploymentView> deployments = new ArrayList<>();
      for (int i = 0; i < shown.size(); i++) {
        Deployment d = shown.get(i);
        boolean drainedFailure = i > 0 && runtime.get().deployments().stream().noneMatch(x -> x.id().equals(d.id()));
        int source = revision(i == 0 ? runtime.get().rolledBackFrom().orElse(d.taskDefinitionArn()) : d.taskDefinitionArn());
        List<TaskRecord> own = tasks.stream().filter(t -> t.deploymentId().equals(d.id())).collect(Collectors.toList());
        deployments.add(new ServiceView.DeploymentView(d.id(), d.taskDefinitionArn(), source,
            drainedFailure ? DeploymentStatus.INACTIVE : d.status(), d.rolloutState(), d.desiredCount(), running(own),
            healthy(own, service, d, now, healthyAfter), d.failedTasks(), d.rolloutStateReason()));
      }
      int desired = desiredCount(snapshot, service, shown.stream().findFirst());
      int healthy = 0;
      for (TaskRecord task : tasks) {
        var definition = snapshot.deploymentOf(task).map(Deployment::taskDefinition);
        healthy += SchedulerRun.healthy(task, service, definition, now, healthyAfter) ? 1 : 0;
      }
      views.add(new ServiceView(service.cluster(), service.serviceName(), service.taskDefinition(), desired,
          running(tasks), healthy,
          (int) tasks.stream().filter(t -> t.wanted() && t.lastStatus() != TaskStatus.RUNNING).count(),
          deployments, List.of(), declared.stackOf(service.cluster(), service.serviceName()),
          instances.getOrDefault(service.cluster(), 0) + everywhere));
    }
    return views;
  }

  /**
   * Per declared service, what the runtime ref keeps for the planner: the same desired count, task
   * definition and running count as {@link #services} shows, without the health of every task
   * (which needs each task's definition), since the reconciler writes this ten times a second.
   */
  static List<SnapshotStore.ObservedServiceDocument> observed(ControlPlaneSnapshot snapshot, DeclaredSnapshot declared) {
    Map<String, Integer> running = new HashMap<>();
    for (TaskRecord task : snapshot.tasks().values()) {
      if (task.wanted() && task.lastStatus() == TaskStatus.RUNNING) {
        running.merge(ControlPlaneSnapshot.serviceKey(task.cluster(), task.serviceName()), 1, Integer::sum);
      }
    }
    List<SnapshotStore.ObservedServiceDocument> documents = new ArrayList<>();
    for (Service service : declared.services()) {
      String key = ControlPlaneSnapshot.serviceKey(service.cluster(), service.serviceName());
      ServiceRuntime runtime = snapshot.runtimes().get(key);
      // The newest deployment shown: the core's PRIMARY, else a failed one kept for display.
      Optional<Deployment> newest = runtime == null ? Optional.empty()
          : runtime.deployments().stream().findFirst().or(runtime::lastFailed);
      documents.add(new SnapshotStore.ObservedServiceDocument(service.cluster(), service.serviceName(),
          desiredCount(snapshot, service, newest),
          newest.map(Deployment::taskDefinitionArn).orElse(service.taskDefinition()), running.getOrDefault(key, 0)));
    }
    return documents;
  }

  /**
   * The desired count a service shows, which is also what the planner reads: an auto scaled
   * service's live count, else that of its newest deployment, else the declared one.
   */
  private static int desiredCount(ControlPlaneSnapshot snapshot, Service service, Optional<Deployment> newest) {
    return Optional.ofNullable(snapshot.autoscaling().get(ControlPlaneSnapshot.serviceKey(service.cluster(),
        service.serviceName()))).map(AutoscaledService::desiredCount)
        .orElseGet(() -> newest.map(Deployment::desiredCount).orElse(service.desiredCount().orElse(0)));
  }

  private static int running(List<TaskRecord> tasks) {
    return (int) tasks.stream().filter(t -> t.wanted() && t.lastStatus() == TaskStatus.RUNNING).count();
  }

  private static int healthy(List<TaskRecord> own, Service service, Deployment d, Instant now, Duration healthyAfter) {
    return (int) own.stream()
        .filter(t -> SchedulerRun.healthy(t, service, Optional.of(d.taskDefinition()), now, healthyAfter)).count();
  }

  private static int revision(String taskDefinitionArn) {
    return Integer.parseInt(taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf(':') + 1));
  }
}
