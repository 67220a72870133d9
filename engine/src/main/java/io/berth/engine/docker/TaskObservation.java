package io.berth.engine.docker;

import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one task on this host, in ECS terms: what the agent reports to the control plane.
 *
 * @param taskId the task id assigned by the control plane
 * @param lastStatus the task's status (only ever moves forward)
 * @param health the task's health, from its essential containers
 * @param containers one entry per container of the task definition, in definition order
 * @param stoppedReason why the task stopped or is stopping
 */
public record TaskObservation(
    String taskId,
    TaskStatus lastStatus,
    HealthStatus health,
    List<ContainerObservation> containers,
    Optional<String> stoppedReason,
    Optional<Instant> startedAt,
    Optional<Instant> stoppedAt) {

  /** Defensive copies. */
  public TaskObservation {
    containers = List.copyOf(containers);
  }

  /** The observation of the named container, if the task has one. */
  public Optional<ContainerObservation> container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
