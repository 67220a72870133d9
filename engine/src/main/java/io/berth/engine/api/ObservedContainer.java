package io.berth.engine.api;

import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import java.util.List;
import java.util.Optional;

/**
 * What an agent sees of one container of a task.
 *
 * @param restartCount how often its restart policy restarted it in place, when it has been (as
 *     ECS's task metadata reports it)
 */
public record ObservedContainer(
    String name,
    String dockerId,
    TaskStatus lastStatus,
    Optional<Integer> exitCode,
    HealthStatus healthStatus,
    List<NetworkBinding> networkBindings,
    Optional<Integer> restartCount) {

  /** Normalises omitted members. */
  public ObservedContainer {
    Wire.required(name, "name");
    dockerId = dockerId == null ? "" : dockerId;
    Wire.required(lastStatus, "lastStatus");
    exitCode = Wire.optional(exitCode);
    healthStatus = healthStatus == null ? HealthStatus.UNKNOWN : healthStatus;
    networkBindings = Wire.list(networkBindings);
    restartCount = Wire.optional(restartCount);
  }

  /** A container never restarted in place. */
  public ObservedContainer(String name, String dockerId, TaskStatus lastStatus, Optional<Integer> exitCode,
      HealthStatus healthStatus, List<NetworkBinding> networkBindings) {
    this(name, dockerId, lastStatus, exitCode, healthStatus, networkBindings, Optional.empty());
  }
}
