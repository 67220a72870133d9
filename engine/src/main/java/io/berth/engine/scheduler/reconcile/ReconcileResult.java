package io.berth.engine.scheduler.reconcile;

import io.berth.engine.scheduler.TaskLaunch;
import io.berth.engine.scheduler.TaskStop;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one reconcile of one service decided, as data; the control plane carries it out.
 *
 * @param tasksToStart launch each on its instance (record them PENDING first)
 * @param tasksToStop set desired status STOPPED and tell the agent (or mark STOPPED if the instance is lost)
 * @param runtime store it and pass it to the next reconcile of this service
 * @param events append to the service's event log
 * @param pendingCount tasks the service still wants but that could not be placed this tick
 * @param unplacedReason why, when {@code pendingCount > 0}
 */
public record ReconcileResult(
    List<TaskLaunch> tasksToStart,
    List<TaskStop> tasksToStop,
    ServiceRuntime runtime,
    List<ServiceEvent> events,
    int pendingCount,
    Optional<String> unplacedReason) {

  /** Copies the lists. */
  public ReconcileResult {
    tasksToStart = List.copyOf(tasksToStart);
    tasksToStop = List.copyOf(tasksToStop);
    Objects.requireNonNull(runtime, "runtime == null");
    events = List.copyOf(events);
    Objects.requireNonNull(unplacedReason, "unplacedReason == null");
  }
}
