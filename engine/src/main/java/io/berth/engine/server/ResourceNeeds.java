package io.berth.engine.server;

import io.berth.model.ContainerDefinition;
import io.berth.model.NetworkMode;
import io.berth.model.PortMapping;
import io.berth.model.TaskDefinition;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a task takes from an instance: cpu units, memory MiB (the reservation when set, else the
 * hard limit) and fixed host ports. Task-level cpu/memory win over the containers' sum, and accept
 * the ECS string forms ("256", "0.25 vCPU", "512", "1 GB").
 */
record ResourceNeeds(int cpu, int memory, Set<Integer> hostPorts) {

  static ResourceNeeds of(TaskDefinition definition) {
    int cpu = definition.cpu().map(ResourceNeeds::cpuUnits)
        .orElseGet(() -> definition.containerDefinitions().stream().mapToInt(c -> c.cpu().orElse(0)).sum());
    int memory = definition.memory().map(ResourceNeeds::mebibytes)
        .orElseGet(() -> definition.containerDefinitions().stream().mapToInt(ResourceNeeds::containerMemory).sum());
    Set<Integer> ports = new TreeSet<>();
    boolean fixedPorts = definition.effectiveNetworkMode() == NetworkMode.HOST
        || definition.effectiveNetworkMode() == NetworkMode.BRIDGE;
    if (fixedPorts) {
      for (ContainerDefinition container : definition.containerDefinitions()) {
        for (PortMapping mapping : container.portMappings()) {
          hostPort(definition, mapping).filter(p -> p > 0).ifPresent(ports::add);
        }
      }
    }
    return new ResourceNeeds(cpu, memory, ports);
  }

  private static Optional<Integer> hostPort(TaskDefinition definition, PortMapping mapping) {
    if (definition.effectiveNetworkMode() == NetworkMode.HOST) {
      return mapping.hostPort().or(mapping::containerPort);
    }
    return mapping.hostPort();
  }

  private static int containerMemory(ContainerDefinition container) {
    return container.memoryReservation().or(container::memory).orElse(0);
  }

  /** "256" or "0.25 vCPU" to cpu units. */
  static int cpuUnits(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.endsWith("vcpu")) {
      return (int) Math.round(Double.parseDouble(v.replace("vcpu", "").trim()) * 1024);
    }
    return Integer.parseInt(v);
  }

  /** "512" or "1 GB" to MiB. */
  static int mebibytes(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.endsWith("gb")) {
      return (int) Math.round(Double.parseDouble(v.replace("gb", "").trim()) * 1024);
    }
    if (v.endsWith("mb")) {
      return Integer.parseInt(v.replace("mb", "").trim());
    }
    return Integer.parseInt(v);
  }
}
