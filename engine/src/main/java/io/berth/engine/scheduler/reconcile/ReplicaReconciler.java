package io.berth.engine.scheduler.reconcile;

import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.placement.Demand;
import io.berth.engine.scheduler.placement.PlacementPipeline;
import io.berth.engine.scheduler.placement.PlacementRequest;
import io.berth.engine.scheduler.placement.PlacementResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * REPLICA services: keep {@code desiredCount} tasks of the PRIMARY deployment, replacing old-deployment
 * tasks and tasks on DRAINING instances within the rolling-update bounds: at most
 * floor(desired * maximumPercent / 100) tasks running, pending or stopping, and at least
 * ceil(desired * minimumHealthyPercent / 100) healthy.
 */
final class ReplicaReconciler extends Reconciler {

  @Override
  int desiredCount(Tick tick) {
    return tick.spec.desiredCount();
  }

  @Override
  void decide(Tick tick, ServiceTasks tasks) {
    int desired = tick.primary().desiredCount();
    var config = tick.spec.service().deploymentConfiguration();
    int upper = upperBound(desired, config);
    int lower = lowerBound(desired, config);
    String primaryId = tick.primary().id();
    List<Task> current = new ArrayList<>();
    List<Task> movable = new ArrayList<>();
    int healthy = 0;
    for (Task task : tasks.wanted) {
      boolean isPrimary = task.deploymentId().map(primaryId::equals).orElse(false);
      (isPrimary && onSchedulableInstance(tick, task) ? current : movable).add(task);
      healthy += ServiceTasks.healthy(tick, task) ? 1 : 0;
    }
    int live = tasks.wanted.size() + tasks.stopping.size() + tasks.unhealthy.size();

    if (current.size() > desired) {
      for (Task victim : ScaleIn.choose(tick, current, current, current.size() - desired, strategies(tick))) {
        tick.stop(victim, "Scaling activity initiated by (deployment " + primaryId + ")", false);
        current.remove(victim);
        healthy -= ServiceTasks.healthy(tick, victim) ? 1 : 0;
      }
    }

    int toStart = Math.min(desired - current.size(), upper - live);
    if (toStart > 0 && !tick.throttled()) {
      // Spread balances the tasks that stay: every other task of the service is on its way out.
      Set<String> stay = new HashSet<>();
      current.forEach(task -> stay.add(task.taskId()));
      for (List<Task> group : List.of(tasks.wanted, tasks.stopping, tasks.unhealthy, tasks.lost)) {
        group.stream().filter(task -> !stay.contains(task.taskId())).forEach(tick.cluster::departing);
      }
      start(tick, toStart);
    }

    List<Task> staying = new ArrayList<>(tasks.wanted);
    staying.removeIf(task -> tick.stoppedNow.contains(task.taskId()));
    stopMovable(tick, movable, staying, healthy, lower, primaryId);
  }

  private static void start(Tick tick, int count) {
    PlacementRequest request;
    try {
      request = request(tick, count);
    } catch (IllegalArgumentException unreadable) {
      tick.unplaced(count, unreadable.getMessage()); // e.g. a cpu string no one can read: say so, keep the tick going
      return;
    }
    PlacementResult placed = PlacementPipeline.place(tick.cluster, new Demand(request), count, tick.random);
    placed.placements().forEach(p -> launch(tick, p, request.requirements()));
    if (!placed.allPlaced()) {
      tick.unplaced(placed.unplacedCount(), placed.reason().orElseThrow());
    }
  }

  /**
   * Stops the old and DRAINING tasks the healthy minimum allows: all that are not yet healthy
   * (stopping them never lowers the healthy count), then healthy ones chosen as a scale-in would,
   * so that what remains of the service stays balanced.
   */
  private static void stopMovable(Tick tick, List<Task> movable, List<Task> staying, int healthy, int lower,
      String primaryId) {
    int notHealthy = (int) movable.stream().filter(task -> !ServiceTasks.healthy(tick, task)).count();
    int budget = notHealthy + Math.max(0, Math.min(movable.size() - notHealthy, healthy - lower));
    for (Task task : ScaleIn.choose(tick, movable, staying, budget, strategies(tick))) {
      tick.stop(task, onSchedulableInstance(tick, task)
          ? "Stopped by deployment " + primaryId + " (rolling update to " + tick.primary().taskDefinitionArn() + ")"
          : "Container instance " + task.instanceId() + " is DRAINING; task moved", false);
    }
  }
}
