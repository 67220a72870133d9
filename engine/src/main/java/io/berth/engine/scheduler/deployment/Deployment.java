package io.berth.engine.scheduler.deployment;

import io.berth.model.TaskDefinition;
import java.time.Instant;
import java.util.Objects;

/**
 * One deployment of a service: a task definition revision being rolled out (PRIMARY) or drained
 * (ACTIVE), with its rollout state and how many of its tasks failed (the circuit breaker's count).
 *
 * @param id {@code ecs-svc/<n>}, unique per service
 */
public record Deployment(
    String id,
    String taskDefinitionArn,
    TaskDefinition taskDefinition,
    DeploymentStatus status,
    RolloutState rolloutState,
    String rolloutStateReason,
    int desiredCount,
    int failedTasks,
    Instant createdAt,
    Instant updatedAt) {

  /** Checks required members. */
  public Deployment {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn == null");
    Objects.requireNonNull(taskDefinition, "taskDefinition == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(rolloutState, "rolloutState == null");
    Objects.requireNonNull(rolloutStateReason, "rolloutStateReason == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(updatedAt, "updatedAt == null");
  }

  Deployment withStatus(DeploymentStatus newStatus, Instant now) {
    return new Deployment(id, taskDefinitionArn, taskDefinition, newStatus, rolloutState, rolloutStateReason,
        desiredCount, failedTasks, createdAt, now);
  }

  Deployment withRollout(RolloutState state, String reason, Instant now) {
    return new Deployment(id, taskDefinitionArn, taskDefinition, status, state, reason, desiredCount, failedTasks, createdAt, now);
  }

  Deployment withDesiredCount(int count) {
    return new Deployment(id, taskDefinitionArn, taskDefinition, status, rolloutState, rolloutStateReason, count,
        failedTasks, createdAt, updatedAt);
  }

  Deployment withFailedTasks(int count, Instant now) {
    return new Deployment(id, taskDefinitionArn, taskDefinition, status, rolloutState, rolloutStateReason, desiredCount,
        count, createdAt, now);
  }
}
