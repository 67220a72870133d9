package io.berth.engine.api;

import java.util.List;

/**
 * Answer to a sync: the FULL set of tasks the control plane wants on that instance
 * (level-triggered). A task the agent runs that is absent here, or is here with desired status
 * STOPPED, must be stopped.
 *
 * <p>{@code unchanged} (only for an agent that sent {@code known=<index>} with the sync) means the
 * assignment is still the one of that index: the agent keeps acting on the tasks it had, and
 * {@code tasks} is empty. During a rollout an agent reports far more often than its assignment
 * changes, and the tasks' definitions are most of an answer's bytes.
 */
public record SyncResponse(List<AssignedTask> tasks, boolean unchanged) {

  /** The answer that the agent's assignment is the one it knows. */
  public static final SyncResponse UNCHANGED = new SyncResponse(List.of(), true);

  /** Normalises an omitted list; an unchanged answer carries no tasks. */
  public SyncResponse {
    tasks = Wire.list(tasks);
    if (unchanged && !tasks.isEmpty()) {
      throw new IllegalArgumentException("an unchanged sync answer carries no tasks (got " + tasks.size() + ")");
    }
  }

  /** A full answer. */
  public SyncResponse(List<AssignedTask> tasks) {
    this(tasks, false);
  }
}
