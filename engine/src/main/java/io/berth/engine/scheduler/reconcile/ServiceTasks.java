package io.berth.engine.scheduler.reconcile;

import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskHealth;
import io.berth.engine.scheduler.deployment.Deployment;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service's tasks sorted into what the reconcile needs: lost with their instance, already
 * stopping (asked to, or stopping on their own), unhealthy, newly STOPPED, and the wanted live ones. Also decides when a task counts
 * healthy (health check passed, or running long enough without one).
 */
final class ServiceTasks {
  final List<Task> lost = new ArrayList<>();
  final List<Task> stopping = new ArrayList<>();
  final List<Task> unhealthy = new ArrayList<>();
  final List<Task> newlyStopped = new ArrayList<>();
  final List<Task> wanted = new ArrayList<>();

  static ServiceTasks classify(Tick tick) {
    ServiceTasks tasks = new ServiceTasks();
    int grace = tick.spec.service().healthCheckGracePeriodSeconds().orElse(0);
    for (Task task : tick.index.serviceTasks(tick.name())) {
      if (!task.isLive()) {
        if (!tick.accountedStops.contains(task.taskId())) {
          tick.accountedStops.add(task.taskId());
          if (!tick.requestedStops.contains(task.taskId())) {
            tasks.newlyStopped.add(task);
          }
        }
        continue;
      }
      int i = tick.cluster.indexOf(task.instanceId());
      if (i < 0 || tick.cluster.instance(i).status() == InstanceStatus.INACTIVE) {
        tasks.lost.add(task);
      } else if (task.desiredStatus() == TaskStatus.STOPPED || tick.requestedStops.contains(task.taskId())
          || task.lastStatus().compareTo(TaskStatus.RUNNING) > 0) {
        // past RUNNING: its agent is stopping it (an essential container exited), whatever its health says
        tasks.stopping.add(task);
      } else if (task.health() == HealthStatus.UNHEALTHY
          && task.startedAt().map(s -> !tick.now.isBefore(s.plusSeconds(grace))).orElse(true)) {
        tasks.unhealthy.add(task);
      } else {
        tasks.wanted.add(task);
      }
    }
    return tasks;
  }

  /** Whether a live task counts as healthy now (see {@link TaskHealth}). */
  static boolean healthy(Tick tick, Task task) {
    return TaskHealth.healthy(task, hasHealthCheck(tick, task), !tick.spec.service().loadBalancers().isEmpty(), tick.now,
        tick.settings.healthyAfterRunning());
  }

  /** Whether a task that has now STOPPED had counted healthy while it ran (judged on its last report). */
  static boolean wasHealthy(Tick tick, Task task) {
    return task.startedAt().isPresent() && healthy(tick, task.withLastStatus(TaskStatus.RUNNING, tick.now));
  }

  private static boolean hasHealthCheck(Tick tick, Task task) {
    Optional<TaskDefinition> definition = tick.deployment(task.deploymentId()).map(Deployment::taskDefinition);
    if (definition.isEmpty() && task.taskDefinitionArn().equals(tick.spec.taskDefinitionArn())) {
      definition = Optional.of(tick.spec.taskDefinition());
    }
    return definition.map(TaskHealth::hasHealthCheck).orElse(false);
  }
}
