package io.berth.engine.scheduler;

import io.berth.model.ContainerDefinition;
import io.berth.model.NetworkMode;
import io.berth.model.PortMapping;
import io.berth.model.TaskDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one task of a task definition needs on an instance: cpu units, memory MiB, host ports and
 * the instance's platform. Task-level cpu/memory win when set; otherwise the containers' sums, where
 * a container's memory is its reservation if set, else its hard limit (ECS's rule).
 *
 * @param ports the host ports to hold: {@code hostPort == 0} asks for a dynamic port from the
 *     ephemeral range 49153-65535
 * @param platform the CPU architecture and OS it runs on, and whether its task-level limits need enforcing
 */
public record TaskRequirements(int cpu, int memory, List<PortRequest> ports, PlatformRequirements platform) {

  /**
   * One container port that needs a host port; {@code machineWide} for host network mode, whose ports
   * are the machine's own and so taken on every instance that shares the machine.
   */
  public record PortRequest(String containerName, int containerPort, int hostPort, String protocol,
      boolean machineWide) {
    /** Checks the names. */
    public PortRequest {
      Objects.requireNonNull(containerName, "containerName == null");
      Objects.requireNonNull(protocol, "protocol == null");
    }

    /** A port published on the instance's own address (bridge mode). */
    public PortRequest(String containerName, int containerPort, int hostPort, String protocol) {
      this(containerName, containerPort, hostPort, protocol, false);
    }

    /** Whether the host port is chosen by the scheduler. */
    public boolean isDynamic() {
      return hostPort == 0;
    }
  }

  /** Copies the ports and checks the numbers. */
  public TaskRequirements {
    ports = List.copyOf(ports);
    platform = platform == null ? PlatformRequirements.NONE : platform;
    if (cpu < 0 || memory < 0) {
      throw new IllegalArgumentException("cpu and memory must be >= 0, got " + cpu + "/" + memory);
    }
  }

  /** Resources and ports only, on any platform. */
  public TaskRequirements(int cpu, int memory, List<PortRequest> ports) {
    this(cpu, memory, ports, PlatformRequirements.NONE);
  }

  /** The requirements of {@code definition}; throws naming the member when cpu/memory cannot be read. */
  public static TaskRequirements of(TaskDefinition definition) {
    int cpu = definition.cpu().map(text -> parseCpu(definition.family(), text))
        .orElseGet(() -> definition.containerDefinitions().stream().mapToInt(c -> c.cpu().orElse(0)).sum());
    int memory = definition.memory().map(text -> parseMemory(definition.family(), text))
        .orElseGet(() -> definition.containerDefinitions().stream().mapToInt(ContainerDefinition::reservedMemory).sum());
    return new TaskRequirements(cpu, memory, hostPorts(definition), PlatformRequirements.of(definition));
  }

  private static List<PortRequest> hostPorts(TaskDefinition definition) {
    NetworkMode mode = definition.effectiveNetworkMode();
    List<PortRequest> ports = new ArrayList<>();
    if (mode == NetworkMode.NONE || mode == NetworkMode.AWSVPC) {
      return ports; // awsvpc gives each task its own address; none has no ports
    }
    for (ContainerDefinition container : definition.containerDefinitions()) {
      for (PortMapping mapping : container.portMappings()) {
        int containerPort = mapping.containerPort().orElse(0);
        int hostPort = mode == NetworkMode.HOST ? mapping.hostPort().orElse(containerPort) : mapping.hostPort().orElse(0);
        String protocol = mapping.protocol().map(p -> p.apiValue()).orElse("tcp");
        ports.add(new PortRequest(container.name(), containerPort, hostPort, protocol, mode == NetworkMode.HOST));
      }
    }
    return ports;
  }

  /** "256", "0.25 vCPU", "1 vcpu" -> cpu units. */
  static int parseCpu(String family, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("vcpu")) {
        return new BigDecimal(t.substring(0, t.length() - 4).trim()).multiply(BigDecimal.valueOf(1024)).intValueExact();
      }
      return Integer.parseInt(t);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("task definition " + family + ": cpu '" + text
          + "' is neither cpu units (\"256\") nor vCPUs (\"0.25 vCPU\")");
    }
  }

  /** "512", "1 GB", "0.5gb" -> MiB. */
  static int parseMemory(String family, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("gb")) {
        return new BigDecimal(t.substring(0, t.length() - 2).trim()).multiply(BigDecimal.valueOf(1024)).intValueExact();
      }
      if (t.endsWith("mb") || t.endsWith("mib")) {
        return Integer.parseInt(t.replaceAll("mi?b$", "").trim());
      }
      return Integer.parseInt(t);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("task definition " + family + ": memory '" + text
          + "' is neither MiB (\"512\") nor GB (\"1 GB\")");
    }
  }
}
