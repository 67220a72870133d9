package io.berth.engine.api;

import io.berth.model.TaskDefinition;

/**
 * A task the control plane wants on an instance. {@code group} is {@code service:<name>} or
 * {@code family:<family>}; {@code startedBy} names the deployment or the user that started it.
 */
public record AssignedTask(
    String taskId,
    String cluster,
    String group,
    String family,
    int revision,
    TaskDefinition taskDefinition,
    DesiredStatus desiredStatus,
    String startedBy) {

  /** Checks the required members. */
  public AssignedTask {
    Wire.required(taskId, "taskId");
    Wire.required(cluster, "cluster");
    Wire.required(group, "group");
    Wire.required(family, "family");
    Wire.required(taskDefinition, "taskDefinition");
    Wire.required(desiredStatus, "desiredStatus");
    startedBy = startedBy == null ? "" : startedBy;
  }

  /** The same task with another desired status. */
  public AssignedTask withDesiredStatus(DesiredStatus status) {
    return new AssignedTask(taskId, cluster, group, family, revision, taskDefinition, status, startedBy);
  }
}
