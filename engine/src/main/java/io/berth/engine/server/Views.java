package io.berth.engine.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Projects a snapshot into the read-only views the CLI asks for. */
final class Views {
  private Views() {}

  static List<ServiceView> services(ClusterSnapshot snapshot, DeclaredState declared) {
    List<ServiceView> views = new ArrayList<>();
    for (var service : declared.services()) {
      List<TaskRecord> tasks = snapshot.tasks().values().stream()
          .filter(t -> t.serviceName().equals(service.serviceName()) && t.cluster().equals(service.cluster()))
          .collect(Collectors.toList());
      List<ServiceView.DeploymentView> deployments = snapshot.deployments().values().stream()
          .filter(d -> d.serviceName().equals(service.serviceName()) && d.cluster().equals(service.cluster()))
          .sorted(Comparator.comparing(Deployment::createdAt).thenComparing(Deployment::id).reversed())
          .map(d -> deploymentView(d, tasks))
          .collect(Collectors.toList());
      int desired = deployments.isEmpty() ? service.desiredCount().orElse(0) : deployments.get(0).desiredCount();
      views.add(new ServiceView(service.cluster(), service.serviceName(), service.taskDefinition(), desired,
          (int) tasks.stream().filter(t -> t.wanted() && t.lastStatus() == io.berth.engine.api.TaskStatus.RUNNING).count(),
          (int) tasks.stream().filter(ServiceStep::healthy).count(),
          (int) tasks.stream().filter(t -> t.wanted() && t.lastStatus() != io.berth.engine.api.TaskStatus.RUNNING).count(),
          deployments));
    }
    return views;
  }

  private static ServiceView.DeploymentView deploymentView(Deployment d, List<TaskRecord> tasks) {
    List<TaskRecord> own = tasks.stream().filter(t -> t.deploymentId().equals(d.id())).collect(Collectors.toList());
    return new ServiceView.DeploymentView(d.id(), d.taskDefinitionId(), d.sourceRevision(), d.status(),
        d.rolloutState(), d.desiredCount(),
        (int) own.stream().filter(t -> t.wanted() && t.lastStatus() == io.berth.engine.api.TaskStatus.RUNNING).count(),
        (int) own.stream().filter(ServiceStep::healthy).count(), d.failedTasks(),
        d.rolloutStateReason().orElse(""));
  }
}
