package io.berth.engine.scheduler.reconcile;

import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskLaunch;
import io.berth.engine.scheduler.TaskRequirements;
import io.berth.engine.scheduler.deployment.Deployment;
import io.berth.engine.scheduler.deployment.RolloutState;
import io.berth.engine.scheduler.placement.Demand;
import io.berth.engine.scheduler.placement.Placement;
import io.berth.engine.scheduler.placement.PlacementRequest;
import io.berth.model.DeploymentConfiguration;
import io.berth.model.PlacementConstraint;
import io.berth.model.PlacementConstraintType;
import io.berth.model.PlacementStrategy;
import io.berth.model.TaskPlacementConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps every reconcile shares, whatever the scheduling strategy: settle lost, failed and
 * unhealthy tasks, run the circuit breaker, then let the strategy decide starts and stops, then
 * check completion and steady state.
 */
abstract class Reconciler {

  /** Runs one reconcile of {@code tick}'s service. */
  final void run(Tick tick) {
    tick.deployments.ensurePrimary(tick.spec.taskDefinitionArn(), tick.spec.taskDefinition(), desiredCount(tick));
    ServiceTasks tasks = ServiceTasks.classify(tick);
    for (Task task : tasks.lost) {
      tick.stop(task, "Task stopped because container instance " + task.instanceId() + " is no longer available.", true);
      tick.event("lost task " + task.taskId() + " with container instance " + task.instanceId() + "; it will be replaced.");
    }
    for (Task task : tasks.newlyStopped) {
      if (task.startedAt().isEmpty()) {
        tick.deployments.startFailed(task);
      } else {
        tick.event("task " + task.taskId() + " stopped unexpectedly: " + task.stoppedReason().orElse("no reason given")
            + "; it will be replaced.");
        if (!ServiceTasks.wasHealthy(tick, task)) {
          // Ran but never became healthy (e.g. exits right after starting): a failed task for the breaker.
          tick.deployments.countFailure(task);
        }
      }
    }
    for (Task task : tasks.unhealthy) {
      tick.stop(task, "Task failed container health checks", false);
      tick.event("(task " + task.taskId() + ") failed container health checks.");
      tick.deployments.countFailure(task);
    }
    tick.deployments.checkCircuitBreaker(tick.spec.service().deploymentConfiguration().deploymentCircuitBreaker());
    decide(tick, tasks);
    int healthyPrimary = 0;
    int otherLive = 0;
    String primaryId = tick.primary().id();
    for (Task task : tasks.wanted) {
      boolean primary = task.deploymentId().map(primaryId::equals).orElse(false) && !tick.stoppedNow.contains(task.taskId());
      if (primary && ServiceTasks.healthy(tick, task) && onSchedulableInstance(tick, task)) {
        healthyPrimary++;
      } else if (!primary) {
        otherLive++;
      }
    }
    for (Task task : tasks.stopping) {
      otherLive += task.deploymentId().map(primaryId::equals).orElse(false) ? 0 : 1;
    }
    otherLive += (int) tasks.unhealthy.stream().filter(t -> !t.deploymentId().map(primaryId::equals).orElse(false)).count();
    tick.deployments.checkCompletion(healthyPrimary, otherLive);
    boolean steadyNow = tick.primary().rolloutState() == RolloutState.COMPLETED && tick.launches.isEmpty()
        && tick.stops.isEmpty() && tick.pending == 0 && healthyPrimary == tick.primary().desiredCount()
        && tasks.stopping.isEmpty();
    // A deployment started in this reconcile ends any steady state, so reaching it again is news.
    boolean wasSteady = tick.steady && !tick.deployments.startedOne();
    if (steadyNow && !wasSteady) {
      tick.event("has reached a steady state.");
    }
    tick.steady = steadyNow;
  }

  /** The desired count this tick (a DAEMON derives it from the instances). */
  abstract int desiredCount(Tick tick);

  /** Chooses starts and stops for the wanted tasks. */
  abstract void decide(Tick tick, ServiceTasks tasks);

  static boolean onSchedulableInstance(Tick tick, Task task) {
    int i = tick.cluster.indexOf(task.instanceId());
    return i >= 0 && tick.cluster.instance(i).status() == InstanceStatus.ACTIVE;
  }

  /** floor(desired * maximumPercent / 100): the most tasks (running, pending, stopping) allowed. */
  static int upperBound(int desired, DeploymentConfiguration config) {
    return (int) Math.floor(desired * (double) config.maximumPercent() / 100.0);
  }

  /** ceil(desired * minimumHealthyPercent / 100): the fewest healthy tasks allowed. */
  static int lowerBound(int desired, DeploymentConfiguration config) {
    return (int) Math.ceil(desired * (double) config.minimumHealthyPercent() / 100.0);
  }

  /** The placement request for {@code count} tasks of the PRIMARY deployment. */
  static PlacementRequest request(Tick tick, int count) {
    Deployment primary = tick.primary();
    List<PlacementConstraint> constraints = new ArrayList<>(tick.spec.service().placementConstraints());
    for (TaskPlacementConstraint c : primary.taskDefinition().placementConstraints()) {
      constraints.add(new PlacementConstraint(PlacementConstraintType.MEMBEROF, c.expression()));
    }
    return new PlacementRequest(tick.spec.group(), TaskRequirements.of(primary.taskDefinition()), strategies(tick),
        constraints, count);
  }

  static List<PlacementStrategy> strategies(Tick tick) {
    List<PlacementStrategy> declared = tick.spec.service().placementStrategy();
    return declared.isEmpty() ? Demand.DEFAULT_STRATEGY : declared;
  }

  /** Records a launch for a placement made in the working cluster. */
  static void launch(Tick tick, Placement placement, TaskRequirements requirements) {
    Deployment primary = tick.primary();
    String taskId = tick.name() + "-" + tick.nextTaskNumber++;
    tick.launches.add(new TaskLaunch(taskId, tick.spec.group(), primary.id(), primary.taskDefinitionArn(),
        placement.instanceId(), placement.ports(), requirements.cpu(), requirements.memory()));
  }
}
