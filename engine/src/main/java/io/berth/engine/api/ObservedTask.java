package io.berth.engine.api;

import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an agent reports of one task it runs (or ran): lifecycle, health, containers and, once it
 * stopped, why. Timestamps are ISO-8601 strings on the wire. While it runs, the agent may add its
 * latest CPU and memory utilization in percent of what the task reserved (for service auto scaling).
 */
public record ObservedTask(
    String taskId,
    TaskStatus lastStatus,
    HealthStatus healthStatus,
    List<ObservedContainer> containers,
    Optional<String> stoppedReason,
    Optional<String> startedAt,
    Optional<String> stoppedAt,
    Optional<Double> cpuUtilization,
    Optional<Double> memoryUtilization) {

  /** Normalises omitted members. */
  public ObservedTask {
    Wire.required(taskId, "taskId");
    Wire.required(lastStatus, "lastStatus");
    healthStatus = healthStatus == null ? HealthStatus.UNKNOWN : healthStatus;
    containers = Wire.list(containers);
    stoppedReason = Wire.optional(stoppedReason);
    startedAt = Wire.optional(startedAt);
    stoppedAt = Wire.optional(stoppedAt);
    cpuUtilization = Wire.optional(cpuUtilization);
    memoryUtilization = Wire.optional(memoryUtilization);
  }

  /** A task without a utilization sample. */
  public ObservedTask(String taskId, TaskStatus lastStatus, HealthStatus healthStatus, List<ObservedContainer> containers,
      Optional<String> stoppedReason, Optional<String> startedAt, Optional<String> stoppedAt) {
    this(taskId, lastStatus, healthStatus, containers, stoppedReason, startedAt, stoppedAt, Optional.empty(),
        Optional.empty());
  }

  /** The same report with a utilization sample (percent of the task's reserved CPU and memory). */
  public ObservedTask withUtilization(Optional<Double> cpu, Optional<Double> memory) {
    return new ObservedTask(taskId, lastStatus, healthStatus, containers, stoppedReason, startedAt, stoppedAt, cpu, memory);
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
