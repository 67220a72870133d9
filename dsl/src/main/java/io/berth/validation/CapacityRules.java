package io.berth.validation;

import io.berth.model.Cluster;
import io.berth.model.ContainerDefinition;
import io.berth.model.InstanceGroup;
import io.berth.model.ModelPaths;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import io.berth.model.TaskSize;
import java.util.Optional;
import java.util.OptionalInt;

/** Declared cluster capacity: well-formed groups, and room on some host for each service's task. */
final class CapacityRules {
  private CapacityRules() {}

  static void checkCluster(Cluster cluster, Findings findings) {
    String path = ModelPaths.cluster(cluster.name());
    NameRules.checkName("cluster", cluster.name(), path, findings);
    NameRules.checkUnique("capacity group", cluster.capacity(), InstanceGroup::name,
        g -> ModelPaths.element(path, "capacity", g.name()), findings);
    for (InstanceGroup group : cluster.capacity()) {
      if (group.count() < 0 || group.cpu() <= 0 || group.memory() <= 0) {
        findings.add(ViolationCode.CAPACITY, ModelPaths.element(path, "capacity", group.name()), "capacity group '"
            + group.name() + "' declares count " + group.count() + ", cpu " + group.cpu() + ", memory "
            + group.memory() + "; count must be 0 or more and cpu and memory positive");
      }
    }
  }

  /**
   * A task bigger than every declared host could never be placed: caught here, at compile time,
   * rather than as a task stuck in PENDING. Clusters without declared capacity are not judged.
   */
  static void checkFits(Service service, Cluster cluster, TaskDefinition task, Findings findings) {
    if (cluster == null || task == null || cluster.capacity().isEmpty()) {
      return;
    }
    int cpu = task.cpu().flatMap(c -> optional(TaskSize.cpuUnits(c)))
        .orElseGet(() -> task.containerDefinitions().stream().mapToInt(c -> c.cpu().orElse(0)).sum());
    int memory = task.memory().flatMap(m -> optional(TaskSize.memoryMib(m)))
        .orElseGet(() -> task.containerDefinitions().stream().mapToInt(ContainerDefinition::reservedMemory).sum());
    boolean fits = cluster.capacity().stream().anyMatch(g -> g.count() > 0 && g.cpu() >= cpu && g.memory() >= memory);
    if (!fits) {
      int largestCpu = cluster.capacity().stream().filter(g -> g.count() > 0).mapToInt(InstanceGroup::cpu).max().orElse(0);
      int largestMemory = cluster.capacity().stream().filter(g -> g.count() > 0).mapToInt(InstanceGroup::memory).max()
          .orElse(0);
      findings.add(ViolationCode.CAPACITY, ModelPaths.service(service.serviceName()), "a task of '" + task.family()
          + "' needs " + cpu + " cpu units and " + memory + " MiB, but no declared host of cluster '" + cluster.name()
          + "' has that much (largest: " + largestCpu + " cpu units, " + largestMemory + " MiB); shrink the task or"
          + " declare a bigger capacity group");
    }
  }

  private static Optional<Integer> optional(OptionalInt value) {
    return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
  }
}
