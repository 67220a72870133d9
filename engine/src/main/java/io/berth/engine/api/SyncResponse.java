package io.berth.engine.api;

import java.util.List;

/**
 * Answer to a sync: the FULL set of tasks the control plane wants on that instance
 * (level-triggered). A task the agent runs that is absent here, or is here with desired status
 * STOPPED, must be stopped.
 */
public record SyncResponse(List<AssignedTask> tasks) {

  /** Normalises an omitted list. */
  public SyncResponse {
    tasks = Wire.list(tasks);
  }
}
