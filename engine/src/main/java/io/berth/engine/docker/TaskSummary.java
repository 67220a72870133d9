package io.berth.engine.docker;

import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.model.ContainerDefinition;
import io.berth.model.TaskDefinition;
import java.util.List;
import java.util.Optional;

/**
 * The ECS rules that turn container observations into a task's status and health. Pure.
 */
public final class TaskSummary {
  private TaskSummary() {}

  /** Maps Docker's {@code State.Health.Status} ("starting", "healthy", "unhealthy", absent) to a container's health. */
  static HealthStatus containerHealth(String dockerStatus) {
    if ("healthy".equals(dockerStatus)) {
      return HealthStatus.HEALTHY;
    }
    return "unhealthy".equals(dockerStatus) ? HealthStatus.UNHEALTHY : HealthStatus.UNKNOWN;
  }

  /**
   * The task's status: the least advanced of its containers' while it starts and runs (a finished
   * init container is STOPPED, which is ahead of RUNNING), never behind {@code previous}.
   *
   * @param stopping whether the task has been told to stop (or an essential container exited)
   */
  public static TaskStatus status(TaskStatus previous, boolean stopping, boolean allStopped,
      List<ContainerObservation> containers) {
    if (allStopped) {
      return TaskStatus.STOPPED;
    }
    if (stopping) {
      return previous.atLeast(TaskStatus.STOPPING);
    }
    TaskStatus least = containers.stream().map(ContainerObservation::lastStatus)
        .min(Enum::compareTo).orElse(TaskStatus.PENDING);
    // A running task whose containers all finished (only non-essential ones can) is not "stopped"
    // until the task itself is stopped, so cap at RUNNING.
    if (least == TaskStatus.STOPPED) {
      least = TaskStatus.RUNNING;
    }
    return previous.atLeast(least);
  }

  /**
   * Task health from its essential containers that have a health check: UNHEALTHY if any is,
   * HEALTHY if all are, else UNKNOWN (also when none has a health check).
   */
  public static HealthStatus health(TaskDefinition definition, List<ContainerObservation> containers) {
    List<HealthStatus> checked = definition.containerDefinitions().stream()
        .filter(ContainerDefinition::isEssential)
        .filter(c -> c.healthCheck().isPresent())
        .map(c -> find(containers, c.name()).map(ContainerObservation::health).orElse(HealthStatus.UNKNOWN))
        .toList();
    if (checked.isEmpty()) {
      return HealthStatus.UNKNOWN;
    }
    if (checked.contains(HealthStatus.UNHEALTHY)) {
      return HealthStatus.UNHEALTHY;
    }
    return checked.stream().allMatch(h -> h == HealthStatus.HEALTHY) ? HealthStatus.HEALTHY : HealthStatus.UNKNOWN;
  }

  /** The first essential container that has stopped, if any: its exit stops the task. */
  public static Optional<ContainerObservation> exitedEssential(TaskDefinition definition,
      List<ContainerObservation> containers) {
    return definition.containerDefinitions().stream().filter(ContainerDefinition::isEssential)
        .flatMap(c -> find(containers, c.name()).stream())
        .filter(o -> o.stopped() && o.startedAt().isPresent())
        .findFirst();
  }

  private static Optional<ContainerObservation> find(List<ContainerObservation> containers, String name) {
    return containers.stream().filter(o -> o.name().equals(name)).findFirst();
  }
}
