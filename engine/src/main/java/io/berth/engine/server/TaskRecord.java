package io.berth.engine.server;

import io.berth.engine.api.DesiredStatus;
import io.berth.engine.api.ObservedContainer;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.balancer.TargetHealthState;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One task as the control plane knows it: where it was placed, what is wanted of it, and the last
 * thing its agent reported. {@code runningSince} is when the control plane first saw it RUNNING
 * (the clock that "healthy after N seconds without a health check" counts from). {@code targetHealth}
 * is its load balancer targets' state (UNUSED when it is no target); {@code drainHold} says that it
 * is to stop but its agent is told so only once its targets are drained, so that no request it
 * has is cut off.
 */
public record TaskRecord(
    String taskId,
    String cluster,
    String serviceName,
    String deploymentId,
    String family,
    int revision,
    String instanceId,
    DesiredStatus desiredStatus,
    TaskStatus lastStatus,
    HealthStatus healthStatus,
    List<ObservedContainer> containers,
    Instant createdAt,
    Optional<Instant> runningSince,
    Optional<Instant> stoppedAt,
    Optional<String> stoppedReason,
    TargetHealthState targetHealth,
    boolean drainHold) {

  /** Normalises omitted members (JSON read back from the runtime ref). */
  public TaskRecord {
    containers = containers == null ? List.of() : List.copyOf(containers);
    runningSince = runningSince == null ? Optional.empty() : runningSince;
    stoppedAt = stoppedAt == null ? Optional.empty() : stoppedAt;
    stoppedReason = stoppedReason == null ? Optional.empty() : stoppedReason;
    healthStatus = healthStatus == null ? HealthStatus.UNKNOWN : healthStatus;
    targetHealth = targetHealth == null ? TargetHealthState.UNUSED : targetHealth;
  }

  /** Whether its load balancer targets are all HEALTHY (the load balancer part of counting healthy). */
  public boolean targetHealthy() {
    return targetHealth == TargetHealthState.HEALTHY;
  }

  /** Whether its agent should still run it: wanted, or waiting for its targets to drain. */
  public boolean runsForAgent() {
    return desiredStatus == DesiredStatus.RUNNING || (drainHold && alive());
  }

  /** A new task, placed on {@code instanceId} but not yet seen by its agent. */
  static TaskRecord placed(String taskId, String cluster, String serviceName, String deploymentId, String family,
      int revision, String instanceId, Instant now) {
    return new TaskRecord(taskId, cluster, serviceName, deploymentId, family, revision, instanceId,
        DesiredStatus.RUNNING, TaskStatus.PROVISIONING, HealthStatus.UNKNOWN, List.of(), now, Optional.empty(),
        Optional.empty(), Optional.empty(), TargetHealthState.UNUSED, false);
  }

  /** The task group, as placement constraints and agents see it. */
  public String group() {
    return "service:" + serviceName;
  }

  /** True until the agent reports the task STOPPED. */
  public boolean alive() {
    return lastStatus != TaskStatus.STOPPED;
  }

  /** True while the task is wanted and has not stopped. */
  public boolean wanted() {
    return desiredStatus == DesiredStatus.RUNNING && alive();
  }

  /** The task with its desired status set to STOPPED for {@code reason} (first reason wins). */
  TaskRecord stop(String reason) {
    return new TaskRecord(taskId, cluster, serviceName, deploymentId, family, revision, instanceId,
        DesiredStatus.STOPPED, lastStatus, healthStatus, containers, createdAt, runningSince,
        stoppedAt, stoppedReason.isPresent() ? stoppedReason : Optional.of(reason),
        targetHealth, drainHold);
  }

  /** The task, asked to stop, held until its load balancer targets are drained. */
  TaskRecord holdForDrain() {
    return new TaskRecord(taskId, cluster, serviceName, deploymentId, family, revision, instanceId,
        desiredStatus, lastStatus, healthStatus, containers, createdAt, runningSince, stoppedAt, stoppedReason,
        targetHealth, true);
  }

  /** The task with its targets drained: its agent may stop it now. */
  TaskRecord drained() {
    return new TaskRecord(taskId, cluster, serviceName, deploymentId, family, revision, instanceId,
        desiredStatus, lastStatus, healthStatus, containers, createdAt, runningSince, stoppedAt, stoppedReason,
        targetHealth, false);
  }

  /** The task marked STOPPED without its agent (its instance is lost). */
  TaskRecord lost(Instant now) {
    return new TaskRecord(taskId, cluster, serviceName, deploymentId, family, revision, instanceId,
        DesiredStatus.STOPPED, TaskStatus.STOPPED, healthStatus, containers, createdAt, runningSince,
        Optional.of(now), Optional.of("Container instance " + instanceId + " was lost"),
        TargetHealthState.UNUSED, false);
  }

  /** The task updated with what its agent reported at {@code now}. */
  TaskRecord observe(ObservedTask observed, Instant now) {
    Optional<Instant> running = runningSince;
    if (running.isEmpty() && observed.lastStatus() == TaskStatus.RUNNING) {
      running = Optional.of(now);
    }
    Optional<Instant> stopped = stoppedAt;
    if (stopped.isEmpty() && observed.lastStatus() == TaskStatus.STOPPED) {
      stopped = Optional.of(observed.stoppedAtInstant().orElse(now));
    }
    Optional<String> reason = stoppedReason.isPresent() ? stoppedReason : observed.stoppedReason();
    // A stopped task stays stopped (ECS sets desiredStatus STOPPED); a replacement is a new task.
    DesiredStatus desired = observed.lastStatus() == TaskStatus.STOPPED ? DesiredStatus.STOPPED : desiredStatus;
    return new TaskRecord(taskId, cluster, serviceName, deploymentId, family, revision, instanceId,
        desired, observed.lastStatus(), observed.healthStatus(), observed.containers(), createdAt,
        running, stopped, reason, targetHealth, drainHold && observed.lastStatus() != TaskStatus.STOPPED);
  }

  /** The task with its load balancer targets' state. */
  TaskRecord withTargetHealth(TargetHealthState state) {
    return new TaskRecord(taskId, cluster, serviceName, deploymentId, family, revision, instanceId,
        desiredStatus, lastStatus, healthStatus, containers, createdAt, runningSince,
        stoppedAt, stoppedReason, state, drainHold);
  }
}
