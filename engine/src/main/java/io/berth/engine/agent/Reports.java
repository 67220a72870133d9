package io.berth.engine.agent;

import io.berth.engine.api.ObservedContainer;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.docker.ContainerObservation;
import io.berth.engine.docker.TaskObservation;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Projects the runtime's observations onto the wire records the control plane reads. Pure. */
final class Reports {
  private Reports() {}

  static ObservedTask task(TaskObservation task) {
    return task(task, Map.of());
  }

  /** The report of {@code task}, with how often its restart policies restarted each container ({@code restarts}). */
  static ObservedTask task(TaskObservation task, Map<String, Integer> restarts) {
    return new ObservedTask(task.taskId(), task.lastStatus(), task.health(),
        task.containers().stream().map(c -> container(c, Optional.ofNullable(restarts.get(c.name())))).toList(),
        task.stoppedReason(), task.startedAt().map(Instant::toString), task.stoppedAt().map(Instant::toString));
  }

  static ObservedContainer container(ContainerObservation container, Optional<Integer> restarts) {
    return new ObservedContainer(container.name(), container.dockerId().orElse(""), container.lastStatus(),
        container.exitCode(), container.health(), container.networkBindings(), restarts);
  }

  /** What the agent reports for a task the server wants stopped that never ran here. */
  static ObservedTask neverStarted(String taskId, Instant now) {
    return new ObservedTask(taskId, TaskStatus.STOPPED, HealthStatus.UNKNOWN, List.of(),
        Optional.of("Task stopped before it started on this container instance"), Optional.empty(),
        Optional.of(now.toString()));
  }
}
