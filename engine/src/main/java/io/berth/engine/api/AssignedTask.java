package io.berth.engine.api;

import io.berth.model.TaskDefinition;

/**
 * A task the control plane wants on an instance. {@code group} is {@code service:<name>} or
 * {@code family:<family>}; {@code startedBy} names the deployment or the user that started it.
 *
 * <p>{@code sampleUtilization} says whether the agent should sample the task's CPU and memory
 * utilization: only a scaling policy of its service on average CPU or memory reads those samples,
 * and each one costs Docker a stats collection. Absent on the wire (a control plane older than the
 * member) means yes, as those control planes expected samples for every running task.
 */
public record AssignedTask(
    String taskId,
    String cluster,
    String group,
    String family,
    int revision,
    TaskDefinition taskDefinition,
    DesiredStatus desiredStatus,
    String startedBy,
    Boolean sampleUtilization) {

  /** Checks the required members. */
  public AssignedTask {
    Wire.required(taskId, "taskId");
    Wire.required(cluster, "cluster");
    Wire.required(group, "group");
    Wire.required(family, "family");
    Wire.required(taskDefinition, "taskDefinition");
    Wire.required(desiredStatus, "desiredStatus");
    startedBy = startedBy == null ? "" : startedBy;
    sampleUtilization = sampleUtilization == null || sampleUtilization;
  }

  /** A task whose utilization is sampled. */
  public AssignedTask(String taskId, String cluster, String group, String family, int revision,
      TaskDefinition taskDefinition, DesiredStatus desiredStatus, String startedBy) {
    this(taskId, cluster, group, family, revision, taskDefinition, desiredStatus, startedBy, true);
  }

  /** The same task with another desired status. */
  public AssignedTask withDesiredStatus(DesiredStatus status) {
    return new AssignedTask(taskId, cluster, group, family, revision, taskDefinition, status, startedBy,
        sampleUtilization);
  }
}
