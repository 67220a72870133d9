package io.berth.engine.scheduler;

import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task as the control plane knows it: where it runs, what it holds, how far it got. The
 * scheduler reads tasks from the {@link ClusterSnapshot}; it never changes them, it returns
 * {@link TaskLaunch}es and {@link TaskStop}s instead.
 *
 * @param group {@code service:<name>} for service tasks, {@code family:<family>} for standalone ones
 * @param taskDefinitionArn {@code family:revision}
 * @param deploymentId the service deployment that started it, empty for standalone tasks
 * @param cpu reserved cpu units, memory reserved MiB (see {@link TaskRequirements})
 * @param ports host ports the task holds on its instance
 * @param startedAt when it first reached RUNNING; empty if it never did (a start failure when STOPPED)
 * @param targetHealthy whether its load balancer's health probe last reached it; only services with
 *     load balancers look at it (their tasks count healthy only once it is true)
 */
public record Task(
    String taskId,
    String group,
    String taskDefinitionArn,
    Optional<String> deploymentId,
    String instanceId,
    TaskStatus lastStatus,
    TaskStatus desiredStatus,
    HealthStatus health,
    int cpu,
    int memory,
    List<PortBinding> ports,
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<String> stoppedReason,
    boolean targetHealthy) {

  /** A task whose load balancer target health is not known (not behind a load balancer). */
  public Task(String taskId, String group, String taskDefinitionArn, Optional<String> deploymentId, String instanceId,
      TaskStatus lastStatus, TaskStatus desiredStatus, HealthStatus health, int cpu, int memory, List<PortBinding> ports,
      Instant createdAt, Optional<Instant> startedAt, Optional<String> stoppedReason) {
    this(taskId, group, taskDefinitionArn, deploymentId, instanceId, lastStatus, desiredStatus, health, cpu, memory,
        ports, createdAt, startedAt, stoppedReason, false);
  }

  /** Checks required members and copies the ports. */
  public Task {
    Objects.requireNonNull(taskId, "taskId == null");
    Objects.requireNonNull(group, "group == null");
    Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn == null");
    Objects.requireNonNull(deploymentId, "deploymentId == null");
    Objects.requireNonNull(instanceId, "instanceId == null");
    Objects.requireNonNull(lastStatus, "lastStatus == null");
    Objects.requireNonNull(desiredStatus, "desiredStatus == null");
    Objects.requireNonNull(health, "health == null");
    ports = List.copyOf(ports);
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(startedAt, "startedAt == null");
    Objects.requireNonNull(stoppedReason, "stoppedReason == null");
  }

  /** A task the scheduler just launched, as the control plane should first record it (PENDING). */
  public static Task pending(TaskLaunch launch, Instant now) {
    return new Task(launch.taskId(), launch.group(), launch.taskDefinitionArn(), Optional.of(launch.deploymentId()),
        launch.instanceId(), TaskStatus.PENDING, TaskStatus.RUNNING, HealthStatus.UNKNOWN,
        launch.cpu(), launch.memory(), launch.ports(), now, Optional.empty(), Optional.empty());
  }

  /** Whether it still holds resources on its instance (not yet STOPPED). */
  public boolean isLive() {
    return lastStatus.isLive();
  }

  /** Whether it is live and nobody asked it to stop. */
  public boolean isWanted() {
    return lastStatus.isLive() && desiredStatus != TaskStatus.STOPPED;
  }

  /** This task with a new last status (and startedAt set the first time it reaches RUNNING). */
  public Task withLastStatus(TaskStatus status, Instant now) {
    Optional<Instant> started = startedAt.isEmpty() && status == TaskStatus.RUNNING ? Optional.of(now) : startedAt;
    return new Task(taskId, group, taskDefinitionArn, deploymentId, instanceId, status, desiredStatus, health,
        cpu, memory, ports, createdAt, started, stoppedReason, targetHealthy);
  }

  /** This task with a new health status. */
  public Task withHealth(HealthStatus newHealth) {
    return new Task(taskId, group, taskDefinitionArn, deploymentId, instanceId, lastStatus, desiredStatus, newHealth,
        cpu, memory, ports, createdAt, startedAt, stoppedReason, targetHealthy);
  }

  /** This task asked to stop, for {@code reason}. */
  public Task withDesiredStopped(String reason) {
    return new Task(taskId, group, taskDefinitionArn, deploymentId, instanceId, lastStatus, TaskStatus.STOPPED, health,
        cpu, memory, ports, createdAt, startedAt, Optional.of(reason), targetHealthy);
  }

  /** This task stopped for {@code reason}. */
  public Task stopped(String reason) {
    return new Task(taskId, group, taskDefinitionArn, deploymentId, instanceId, TaskStatus.STOPPED, TaskStatus.STOPPED,
        health, cpu, memory, ports, createdAt, startedAt, Optional.of(stoppedReason.orElse(reason)), targetHealthy);
  }

  /** This task with its load balancer target health. */
  public Task withTargetHealthy(boolean healthy) {
    return new Task(taskId, group, taskDefinitionArn, deploymentId, instanceId, lastStatus, desiredStatus, health,
        cpu, memory, ports, createdAt, startedAt, stoppedReason, healthy);
  }
}
