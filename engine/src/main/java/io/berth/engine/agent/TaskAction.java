package io.berth.engine.agent;

import io.berth.engine.api.AssignedTask;

/** One thing the agent does to bring its host in line with the control plane's answer. */
sealed interface TaskAction permits TaskAction.Launch, TaskAction.Stop, TaskAction.Remove, TaskAction.Acknowledge {

  /** The task the action is about. */
  String taskId();

  /** Start (or adopt) an assigned task. */
  record Launch(AssignedTask task) implements TaskAction {
    @Override
    public String taskId() {
      return task.taskId();
    }
  }

  /** Stop a task that runs here, giving ECS's stoppedReason. */
  record Stop(String taskId, String reason) implements TaskAction {}

  /** Remove a stopped task the control plane no longer lists: containers, network, task volumes. */
  record Remove(String taskId) implements TaskAction {}

  /** Report STOPPED for a task the server wants stopped but this agent never started. */
  record Acknowledge(String taskId) implements TaskAction {}
}
