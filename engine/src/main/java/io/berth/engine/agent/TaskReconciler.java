package io.berth.engine.agent;

import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.DesiredStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides what the agent does after a sync: a pure function of the tasks the control plane wants
 * here and the tasks this host has. Level-triggered, so running it twice on the same input asks
 * for nothing new the second time (launches are skipped for tasks the host already has).
 */
final class TaskReconciler {
  /** Why a task the server dropped is stopped. */
  static final String UNASSIGNED = "Task is no longer assigned to this container instance";
  /** Why a task the server wants STOPPED is stopped. */
  static final String DESIRED_STOPPED = "Task stopped by the control plane (desired status STOPPED)";

  /** Where a task this host has is: running (or starting), told to stop, or stopped. */
  enum LocalState { ACTIVE, STOPPING, STOPPED }

  private TaskReconciler() {}

  /**
   * The actions, sorted by task id.
   *
   * @param assigned the server's full desired set for this host
   * @param local this host's tasks and where each is in its lifecycle
   * @param finished tasks this host ran and already removed: never started again
   */
  static List<TaskAction> reconcile(List<AssignedTask> assigned, Map<String, LocalState> local, Set<String> finished) {
    Map<String, AssignedTask> wanted = new TreeMap<>();
    assigned.forEach(task -> wanted.put(task.taskId(), task));
    List<TaskAction> actions = new ArrayList<>();
    for (AssignedTask task : wanted.values()) {
      LocalState state = local.get(task.taskId());
      boolean wantsRunning = task.desiredStatus() == DesiredStatus.RUNNING;
      if (state == null) {
        if (wantsRunning && !finished.contains(task.taskId())) {
          actions.add(new TaskAction.Launch(task));
        } else {
          actions.add(new TaskAction.Acknowledge(task.taskId()));
        }
      } else if (!wantsRunning && state == LocalState.ACTIVE) {
        actions.add(new TaskAction.Stop(task.taskId(), DESIRED_STOPPED));
      }
    }
    for (Map.Entry<String, LocalState> entry : new TreeMap<>(local).entrySet()) {
      if (!wanted.containsKey(entry.getKey())) {
        if (entry.getValue() == LocalState.STOPPED) {
          actions.add(new TaskAction.Remove(entry.getKey()));
        } else if (entry.getValue() == LocalState.ACTIVE) {
          actions.add(new TaskAction.Stop(entry.getKey(), UNASSIGNED));
        }
      }
    }
    actions.sort(Comparator.comparing(TaskAction::taskId));
    return List.copyOf(actions);
  }
}
