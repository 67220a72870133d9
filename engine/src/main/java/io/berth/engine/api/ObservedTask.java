package io.berth.engine.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an agent reports of one task it runs (or ran): lifecycle, health, containers and, once it
 * stopped, why. Timestamps are ISO-8601 strings on the wire.
 */
public record ObservedTask(
    String taskId,
    TaskStatus lastStatus,
    HealthStatus healthStatus,
    List<ObservedContainer> containers,
    Optional<String> stoppedReason,
    Optional<String> startedAt,
    Optional<String> stoppedAt) {

  /** Normalises omitted members. */
  public ObservedTask {
    Wire.required(taskId, "taskId");
    Wire.required(lastStatus, "lastStatus");
    healthStatus = healthStatus == null ? HealthStatus.UNKNOWN : healthStatus;
    containers = Wire.list(containers);
    stoppedReason = Wire.optional(stoppedReason);
    startedAt = Wire.optional(startedAt);
    stoppedAt = Wire.optional(stoppedAt);
  }

  /** {@link #startedAt} parsed. */
  public Optional<Instant> startedAtInstant() {
    return startedAt.map(Instant::parse);
  }

  /** {@link #stoppedAt} parsed. */
  public Optional<Instant> stoppedAtInstant() {
    return stoppedAt.map(Instant::parse);
  }
}
