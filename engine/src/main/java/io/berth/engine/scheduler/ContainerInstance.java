package io.berth.engine.scheduler;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A host that runs tasks, as the scheduler sees it: registered cpu units (1024 per core) and memory
 * MiB, attributes such as {@code ecs.availability-zone}, and ports the host keeps for itself.
 * Free resources are derived from the live tasks in the {@link ClusterSnapshot}.
 *
 * <pre>{@code
 * new ContainerInstance("i-01", InstanceStatus.ACTIVE, true, "0.1.0", registeredAt,
 *     Map.of(ContainerInstance.ZONE, "zone-a"), 2048, 4096, ContainerInstance.DEFAULT_RESERVED_PORTS)
 * }</pre>
 */
public record ContainerInstance(
    String instanceId,
    InstanceStatus status,
    boolean agentConnected,
    String agentVersion,
    Instant registeredAt,
    Map<String, String> attributes,
    int cpu,
    int memory,
    Set<Integer> reservedPorts) {

  /** The availability-zone attribute. */
  public static final String ZONE = "ecs.availability-zone";
  /**
   * The attribute naming the machine an instance's agent runs on: instances that share a machine
   * share its host-mode ports. An instance without it is a machine of its own.
   */
  public static final String MACHINE_ID = "berth.machine-id";
  /** The instance-type attribute. */
  public static final String INSTANCE_TYPE = "ecs.instance-type";

  /** The CPU architecture attribute, {@code x86_64} or {@code arm64} (a task's runtimePlatform asks for one). */
  public static final String CPU_ARCHITECTURE = "ecs.cpu-architecture";
  /** The OS attribute, {@code linux} or {@code windows}. */
  public static final String OS_TYPE = "ecs.os-type";
  /** The Windows release attribute, e.g. {@code WINDOWS_SERVER_2022_CORE} (ECS's ecs.os-family). */
  public static final String OS_FAMILY = "ecs.os-family";
  /** Present when the instance enforces task-level cpu and memory (a cgroup per task), as on ECS. */
  public static final String TASK_LIMITS = "ecs.capability.task-cpu-mem-limit";
  /** Why the instance cannot enforce task-level cpu and memory; such an instance takes no task that sets them. */
  public static final String TASK_LIMITS_UNSUPPORTED = "berth.task-cpu-mem-limit-unsupported";
  /** Host ports ECS reserves on every instance: ssh, the Docker daemon and the agent. */
  public static final Set<Integer> DEFAULT_RESERVED_PORTS = Set.of(22, 2375, 2376, 51678, 51679);

  /** Copies the collections and checks the numbers. */
  public ContainerInstance {
    Objects.requireNonNull(instanceId, "instanceId == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(agentVersion, "agentVersion == null");
    Objects.requireNonNull(registeredAt, "registeredAt == null");
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    reservedPorts = Set.copyOf(reservedPorts);
    if (cpu < 0 || memory < 0) {
      throw new IllegalArgumentException("instance " + instanceId + ": cpu and memory must be >= 0, got " + cpu + "/" + memory);
    }
  }

  /** An ACTIVE, connected instance with the default reserved ports: the common case in tests and `berth up`. */
  public static ContainerInstance active(String instanceId, String zone, int cpu, int memory, Instant registeredAt) {
    return new ContainerInstance(instanceId, InstanceStatus.ACTIVE, true, "0.1.0", registeredAt,
        Map.of(ZONE, zone), cpu, memory, DEFAULT_RESERVED_PORTS);
  }

  /** This instance with another status (e.g. DRAINING). */
  public ContainerInstance withStatus(InstanceStatus newStatus) {
    return new ContainerInstance(instanceId, newStatus, agentConnected, agentVersion, registeredAt, attributes, cpu, memory, reservedPorts);
  }

  /** This instance with its agent connected or not. */
  public ContainerInstance withAgentConnected(boolean connected) {
    return new ContainerInstance(instanceId, status, connected, agentVersion, registeredAt, attributes, cpu, memory, reservedPorts);
  }
}
