package io.berth.engine.scheduler;

import java.util.Objects;

/**
 * A task the control plane should stop (set its desired status to STOPPED and tell its agent), with
 * the ECS-style stopped reason to record, e.g. "Task failed container health checks". When its
 * instance is gone ({@code instanceLost}), the control plane marks it STOPPED directly.
 */
public record TaskStop(String taskId, String instanceId, String reason, boolean instanceLost) {
  /** Checks required members. */
  public TaskStop {
    Objects.requireNonNull(taskId, "taskId == null");
    Objects.requireNonNull(instanceId, "instanceId == null");
    Objects.requireNonNull(reason, "reason == null");
  }
}
