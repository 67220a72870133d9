package io.berth.engine.docker;

import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Docker says about one container of a task, in ECS terms.
 *
 * @param name the container name in the task definition
 * @param dockerId the Docker container id, empty before the container is created
 * @param lastStatus PENDING (created, not started), RUNNING or STOPPED
 * @param exitCode the exit code once the container stopped after running
 * @param health HEALTHY/UNHEALTHY from Docker's native health check, else UNKNOWN
 * @param networkBindings where the container's ports are reachable
 * @param reason why it stopped beyond its exit code, in ECS's words (its container {@code reason}),
 *     e.g. {@code OutOfMemoryError: Container killed due to memory usage}
 */
public record ContainerObservation(
    String name,
    Optional<String> dockerId,
    TaskStatus lastStatus,
    Optional<Integer> exitCode,
    HealthStatus health,
    List<NetworkBinding> networkBindings,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Optional<String> reason) {

  /** Defensive copies. */
  public ContainerObservation {
    networkBindings = List.copyOf(networkBindings);
    reason = reason == null ? Optional.empty() : reason;
  }

  /** An observation without a reason (every container but one that stopped for a reason Docker names). */
  public ContainerObservation(String name, Optional<String> dockerId, TaskStatus lastStatus, Optional<Integer> exitCode,
      HealthStatus health, List<NetworkBinding> networkBindings, Optional<Instant> startedAt,
      Optional<Instant> finishedAt) {
    this(name, dockerId, lastStatus, exitCode, health, networkBindings, startedAt, finishedAt, Optional.empty());
  }

  /** A container not created yet. */
  public static ContainerObservation notCreated(String name) {
    return new ContainerObservation(name, Optional.empty(), TaskStatus.PENDING, Optional.empty(),
        HealthStatus.UNKNOWN, List.of(), Optional.empty(), Optional.empty());
  }

  /** A container just created under {@code dockerId} and not started yet. */
  public static ContainerObservation created(String name, String dockerId) {
    return new ContainerObservation(name, Optional.of(dockerId), TaskStatus.PENDING, Optional.empty(),
        HealthStatus.UNKNOWN, List.of(), Optional.empty(), Optional.empty());
  }

  /** Whether the container ran and has stopped (or was never started and never will be). */
  public boolean stopped() {
    return lastStatus == TaskStatus.STOPPED;
  }

  /** This observation with a different status (used when a task gives up on a created container). */
  ContainerObservation withStatus(TaskStatus status) {
    return new ContainerObservation(name, dockerId, status, exitCode, health, networkBindings, startedAt,
        finishedAt, reason);
  }
}
