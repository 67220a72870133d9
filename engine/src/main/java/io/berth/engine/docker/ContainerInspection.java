package io.berth.engine.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import io.berth.model.ContainerDefinition;
import io.berth.model.NetworkMode;
import io.berth.model.PortMapping;
import io.berth.model.TransportProtocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Docker's inspect answer for a task's container in ECS terms: its lifecycle status, exit
 * code (and whether the kernel killed it for its memory), health, start and finish times, and the
 * network bindings through which its ports are reached (published ports in bridge and awsvpc mode,
 * the container's own ports at the agent's address in host mode). Pure: {@link DockerRuntime#observe}
 * asks Docker, this reads the answer.
 */
final class ContainerInspection {
  // Docker reports "never started" as the zero time.
  private static final String NEVER = "0001-01-01T00:00:00Z";
  /** ECS's container reason for a container the kernel killed at its memory limit (Docker's OOMKilled). */
  static final String OUT_OF_MEMORY = "OutOfMemoryError: Container killed due to memory usage";

  private ContainerInspection() {}

  /** A container Docker no longer knows: it counts as stopped, with nothing else known. */
  static ContainerObservation removed(ContainerDefinition container, String dockerId) {
    return new ContainerObservation(container.name(), Optional.of(dockerId), TaskStatus.STOPPED,
        Optional.empty(), HealthStatus.UNKNOWN, List.of(), Optional.empty(), Optional.empty());
  }

  /** What {@code inspect} says about {@code container} of the task {@code spec}. */
  static ContainerObservation read(TaskSpec spec, ContainerDefinition container, InspectContainerResponse inspect) {
    InspectContainerResponse.ContainerState state = inspect.getState();
    TaskStatus lifecycle = lifecycle(String.valueOf(state.getStatus()));
    Optional<Instant> startedAt = instant(state.getStartedAt());
    Optional<Instant> finishedAt = lifecycle == TaskStatus.STOPPED ? instant(state.getFinishedAt())
        : Optional.empty();
    Optional<Integer> exitCode = lifecycle == TaskStatus.STOPPED && startedAt.isPresent()
        ? Optional.ofNullable(state.getExitCode()) : Optional.empty();
    // Docker marks a container "unhealthy" once it stops, as its checks stop too: that is no
    // failed check, so health is read only while it runs.
    HealthStatus health = state.getHealth() == null || lifecycle != TaskStatus.RUNNING ? HealthStatus.UNKNOWN
        : TaskSummary.containerHealth(state.getHealth().getStatus());
    List<NetworkBinding> bindings = lifecycle == TaskStatus.RUNNING ? bindings(spec, container, inspect)
        : List.of();
    Optional<String> reason = lifecycle == TaskStatus.STOPPED && Boolean.TRUE.equals(state.getOOMKilled())
        ? Optional.of(OUT_OF_MEMORY) : Optional.empty();
    return new ContainerObservation(container.name(), Optional.of(inspect.getId()), lifecycle, exitCode, health,
        bindings, startedAt, finishedAt, reason);
  }

  /** Docker's container status as an ECS lifecycle status: paused and restarting containers still run. */
  private static TaskStatus lifecycle(String status) {
    switch (status) {
      case "created":
        return TaskStatus.PENDING;
      case "running":
      case "paused":
      case "restarting":
        return TaskStatus.RUNNING;
      default:
        return TaskStatus.STOPPED;
    }
  }

  private static Optional<Instant> instant(String dockerTime) {
    if (dockerTime == null || dockerTime.isEmpty() || dockerTime.startsWith(NEVER.substring(0, 10))) {
      return Optional.empty();
    }
    return Optional.of(Instant.parse(dockerTime));
  }

  private static List<NetworkBinding> bindings(TaskSpec spec, ContainerDefinition container,
      InspectContainerResponse inspect) {
    NetworkMode mode = spec.taskDefinition().effectiveNetworkMode();
    List<NetworkBinding> bindings = new ArrayList<>();
    if (mode == NetworkMode.BRIDGE || mode == NetworkMode.AWSVPC) {
      Ports ports = inspect.getNetworkSettings() == null ? null : inspect.getNetworkSettings().getPorts();
      if (ports != null) {
        for (Map.Entry<ExposedPort, Ports.Binding[]> entry : ports.getBindings().entrySet()) {
          if (entry.getValue() == null) {
            continue;
          }
          for (Ports.Binding binding : entry.getValue()) {
            bindings.add(new NetworkBinding(entry.getKey().getPort(), Integer.parseInt(binding.getHostPortSpec()),
                entry.getKey().getProtocol().toString(), binding.getHostIp()));
          }
        }
      }
    } else if (mode == NetworkMode.HOST) {
      // The container shares the machine's network: its ports are the machine's, at the agent's address too.
      for (PortMapping mapping : container.portMappings()) {
        int port = mapping.containerPort().orElse(0);
        bindings.add(new NetworkBinding(port, port, mapping.protocol().orElse(TransportProtocol.TCP).apiValue(),
            spec.publishAddress()));
      }
    }
    bindings.sort(Comparator.comparingInt(NetworkBinding::containerPort)
        .thenComparing(NetworkBinding::protocol).thenComparing(NetworkBinding::bindIP));
    return bindings;
  }
}
