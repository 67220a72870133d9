package io.berth.engine.api;

import java.util.List;

/** Body of {@code POST /v1/instances/{id}/sync}: every task the agent currently knows of. */
public record SyncRequest(List<ObservedTask> tasks) {

  /** Normalises an omitted list. */
  public SyncRequest {
    tasks = Wire.list(tasks);
  }
}
