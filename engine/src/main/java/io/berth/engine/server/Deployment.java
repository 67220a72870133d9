package io.berth.engine.server;

import io.berth.model.TaskDefinition;
import java.time.Instant;
import java.util.Optional;

/**
 * One rollout of a service to a task definition revision, as ECS models it: the newest is PRIMARY,
 * older ones still holding tasks are ACTIVE, drained ones INACTIVE. {@code sourceRevision} is the
 * declared revision that caused it; a roll back keeps the failed revision there so the control
 * plane does not retry it until the declaration changes.
 */
public record Deployment(
    String id,
    String cluster,
    String serviceName,
    String family,
    int revision,
    int sourceRevision,
    TaskDefinition taskDefinition,
    Status status,
    RolloutState rolloutState,
    int desiredCount,
    int failedTasks,
    int consecutiveStartFailures,
    Instant nextLaunchAt,
    Instant createdAt,
    Instant updatedAt,
    Optional<String> rolloutStateReason) {

  /** Normalises omitted members. */
  public Deployment {
    rolloutStateReason = rolloutStateReason == null ? Optional.empty() : rolloutStateReason;
    nextLaunchAt = nextLaunchAt == null ? createdAt : nextLaunchAt;
  }

  /** The {@code family:revision} the deployment runs. */
  public String taskDefinitionId() {
    return family + ":" + revision;
  }

  Deployment with(Status newStatus, RolloutState newState, Optional<String> reason, Instant now) {
    return new Deployment(id, cluster, serviceName, family, revision, sourceRevision, taskDefinition,
        newStatus, newState, desiredCount, failedTasks, consecutiveStartFailures, nextLaunchAt,
        createdAt, now, reason.isPresent() ? reason : rolloutStateReason);
  }

  Deployment withDesiredCount(int count) {
    return new Deployment(id, cluster, serviceName, family, revision, sourceRevision, taskDefinition,
        status, rolloutState, count, failedTasks, consecutiveStartFailures, nextLaunchAt, createdAt,
        updatedAt, rolloutStateReason);
  }

  Deployment withFailures(int failed, int consecutive, Instant nextLaunch) {
    return new Deployment(id, cluster, serviceName, family, revision, sourceRevision, taskDefinition,
        status, rolloutState, desiredCount, failed, consecutive, nextLaunch, createdAt, updatedAt,
        rolloutStateReason);
  }

  /** ECS deployment status. */
  public enum Status { PRIMARY, ACTIVE, INACTIVE }

  /** ECS rollout state. */
  public enum RolloutState { IN_PROGRESS, COMPLETED, FAILED }
}
