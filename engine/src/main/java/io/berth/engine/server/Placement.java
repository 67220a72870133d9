package io.berth.engine.server;

import io.berth.engine.api.NetworkBinding;
import io.berth.engine.api.ObservedContainer;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.PlacementRequest;
import io.berth.engine.scheduler.PlacementResult;
import io.berth.engine.scheduler.Placer;
import io.berth.engine.scheduler.PortBinding;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskRequirements;
import io.berth.model.PlacementConstraint;
import io.berth.model.PlacementConstraintType;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adapts the control plane's records to the scheduler core's placement pipeline
 * ({@link Placer}: resources, ports, memberOf and distinctInstance constraints, then the service's
 * strategies, ECS's default spread when it has none). The outcome is a value: the instances
 * chosen, and why the rest could not be placed.
 */
final class Placement {
  private Placement() {}

  /** Where the tasks go (one instance id per placed task), and the reason for any left unplaced. */
  record Outcome(List<String> instanceIds, String reason) {}

  static Outcome place(Service service, TaskDefinition definition, int count, Collection<InstanceRecord> instances,
      Collection<TaskRecord> tasks, Map<String, Deployment> deployments, long seed) {
    TaskRequirements requirements;
    try {
      requirements = TaskRequirements.of(definition);
    } catch (IllegalArgumentException e) {
      return new Outcome(List.of(), e.getMessage());
    }
    List<ContainerInstance> candidates = new ArrayList<>();
    for (InstanceRecord instance : instances) {
      boolean member = instance.cluster().equals(service.cluster()) || instance.cluster().equals(ANY_CLUSTER);
      if (member && instance.status() == InstanceRecord.InstanceStatus.ACTIVE) {
        candidates.add(new ContainerInstance(instance.instanceId(), InstanceStatus.ACTIVE, true, instance.agentVersion(),
            instance.registeredAt(), instance.attributes(), instance.cpu(), instance.memory(),
            ContainerInstance.DEFAULT_RESERVED_PORTS));
      }
    }
    if (candidates.isEmpty()) {
      return new Outcome(List.of(), "no ACTIVE container instance has joined cluster " + service.cluster());
    }
    List<Task> live = new ArrayList<>();
    for (TaskRecord task : tasks) {
      Deployment deployment = deployments.get(task.deploymentId());
      if (task.alive() && deployment != null && candidates.stream().anyMatch(c -> c.instanceId().equals(task.instanceId()))) {
        live.add(schedulerTask(task, deployment));
      }
    }
    List<PlacementConstraint> constraints = new ArrayList<>(service.placementConstraints());
    if (Reconciler.isDaemon(service)) {
      constraints.add(new PlacementConstraint(PlacementConstraintType.DISTINCTINSTANCE, Optional.empty()));
    }
    var snapshot = new io.berth.engine.scheduler.ClusterSnapshot(service.cluster(), candidates, live);
    PlacementResult result = Placer.place(snapshot, new PlacementRequest("service:" + service.serviceName(),
        requirements, service.placementStrategy(), constraints, count), seed);
    List<String> chosen = result.placements().stream().map(io.berth.engine.scheduler.Placement::instanceId).toList();
    return new Outcome(chosen, result.reason().orElse(""));
  }

  /** The scheduler's view of a task: what it holds on its instance. */
  private static Task schedulerTask(TaskRecord task, Deployment deployment) {
    TaskRequirements needs;
    try {
      needs = TaskRequirements.of(deployment.taskDefinition());
    } catch (IllegalArgumentException e) {
      needs = new TaskRequirements(0, 0, List.of());
    }
    List<PortBinding> ports = new ArrayList<>();
    for (ObservedContainer container : task.containers()) {
      for (NetworkBinding binding : container.networkBindings()) {
        ports.add(new PortBinding(container.name(), binding.containerPort(), binding.hostPort(), binding.protocol()));
      }
    }
    if (ports.isEmpty()) {
      // Not reported yet: it will hold at least its fixed host ports.
      needs.ports().stream().filter(p -> !p.isDynamic())
          .forEach(p -> ports.add(new PortBinding(p.containerName(), p.containerPort(), p.hostPort(), p.protocol())));
    }
    var desired = task.desiredStatus() == io.berth.engine.api.DesiredStatus.RUNNING
        ? io.berth.engine.scheduler.TaskStatus.RUNNING : io.berth.engine.scheduler.TaskStatus.STOPPED;
    return new Task(task.taskId(), task.group(), task.family() + ":" + task.revision(), Optional.of(task.deploymentId()),
        task.instanceId(), io.berth.engine.scheduler.TaskStatus.valueOf(task.lastStatus().name()), desired,
        io.berth.engine.scheduler.HealthStatus.valueOf(task.healthStatus().name()), needs.cpu(), needs.memory(), ports,
        task.createdAt(), task.runningSince(), task.stoppedReason());
  }

  /** Cluster name an agent registers with to serve every cluster (the agents of {@code berth up}). */
  static final String ANY_CLUSTER = "*";
}
