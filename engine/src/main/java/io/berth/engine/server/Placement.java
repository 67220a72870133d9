package io.berth.engine.server;

import io.berth.model.PlacementConstraintType;
import io.berth.model.SchedulingStrategy;
import io.berth.model.Service;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks an instance for one new task: filter by resources and host ports, then the ECS default
 * strategy (spread over zones, then over instances), ties broken by fewest tasks overall and id so
 * the choice is deterministic. The outcome is a value: an instance, or the reason nothing fits.
 */
final class Placement {
  private Placement() {}

  /** The chosen instance, or why none fits. */
  record Outcome(Optional<String> instanceId, String reason) {}

  static Outcome place(Service service, ResourceNeeds needs, Collection<InstanceRecord> instances,
      Collection<TaskRecord> tasks, Map<String, Deployment> deployments) {
    List<InstanceRecord> active = instances.stream()
        .filter(i -> i.status() == InstanceRecord.InstanceStatus.ACTIVE)
        .filter(i -> i.cluster().equals(service.cluster()) || i.cluster().equals(ANY_CLUSTER))
        .collect(Collectors.toList());
    if (active.isEmpty()) {
      return new Outcome(Optional.empty(), "no ACTIVE container instance has joined cluster " + service.cluster());
    }
    boolean distinct = service.schedulingStrategy() == SchedulingStrategy.DAEMON
        || service.placementConstraints().stream().anyMatch(c -> c.type() == PlacementConstraintType.DISTINCTINSTANCE);
    Map<String, Integer> perInstance = new HashMap<>();
    Map<String, Integer> perZone = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Map<String, String> zoneOf = active.stream().collect(Collectors.toMap(InstanceRecord::instanceId, InstanceRecord::zone));
    String largestFree = "";
    int bestFreeMemory = -1;
    for (TaskRecord task : tasks) {
      if (!task.alive()) {
        continue;
      }
      total.merge(task.instanceId(), 1, Integer::sum);
      if (task.serviceName().equals(service.serviceName()) && task.wanted()) {
        perInstance.merge(task.instanceId(), 1, Integer::sum);
        String zone = zoneOf.get(task.instanceId());
        if (zone != null) {
          perZone.merge(zone, 1, Integer::sum);
        }
      }
    }
    InstanceRecord best = null;
    Comparator<InstanceRecord> order = Comparator
        .<InstanceRecord>comparingInt(i -> perZone.getOrDefault(i.zone(), 0))
        .thenComparingInt(i -> perInstance.getOrDefault(i.instanceId(), 0))
        .thenComparingInt(i -> total.getOrDefault(i.instanceId(), 0))
        .thenComparing(InstanceRecord::instanceId);
    for (InstanceRecord instance : active) {
      if (distinct && perInstance.getOrDefault(instance.instanceId(), 0) > 0) {
        continue;
      }
      int usedCpu = 0;
      int usedMemory = 0;
      boolean portClash = false;
      for (TaskRecord task : tasks) {
        if (!task.alive() || !task.instanceId().equals(instance.instanceId())) {
          continue;
        }
        Deployment deployment = deployments.get(task.deploymentId());
        if (deployment == null) {
          continue;
        }
        ResourceNeeds used = ResourceNeeds.of(deployment.taskDefinition());
        usedCpu += used.cpu();
        usedMemory += used.memory();
        portClash |= used.hostPorts().stream().anyMatch(needs.hostPorts()::contains);
      }
      int freeMemory = instance.memory() - usedMemory;
      if (freeMemory > bestFreeMemory) {
        bestFreeMemory = freeMemory;
        largestFree = freeMemory + " MiB memory and " + (instance.cpu() - usedCpu) + " cpu units on "
            + instance.instanceId();
      }
      if (portClash || instance.cpu() - usedCpu < needs.cpu() || freeMemory < needs.memory()) {
        continue;
      }
      if (best == null || order.compare(instance, best) < 0) {
        best = instance;
      }
    }
    if (best == null) {
      String reason = distinct && perInstance.size() >= active.size()
          ? "every ACTIVE instance already runs a task of this service (distinctInstance)"
          : "no ACTIVE instance has " + needs.memory() + " MiB memory, " + needs.cpu() + " cpu units"
              + (needs.hostPorts().isEmpty() ? "" : " and host ports " + needs.hostPorts())
              + " free; largest free is " + largestFree;
      return new Outcome(Optional.empty(), reason);
    }
    return new Outcome(Optional.of(best.instanceId()), "");
  }

  /** Cluster name an agent registers with to serve every cluster (the agents of {@code berth up}). */
  static final String ANY_CLUSTER = "*";
}
