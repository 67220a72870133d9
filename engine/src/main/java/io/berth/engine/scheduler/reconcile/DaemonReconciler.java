package io.berth.engine.scheduler.reconcile;

import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.PlatformRequirements;
import io.berth.engine.scheduler.TaskRequirements;
import io.berth.engine.scheduler.placement.Demand;
import io.berth.engine.scheduler.placement.PlacementPipeline;
import io.berth.engine.scheduler.placement.PlacementRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * DAEMON services: one task of the PRIMARY deployment on every ACTIVE instance that satisfies the
 * service's constraints; tasks leave instances that drain or stop matching. Rolling updates keep
 * the same percent bounds, with the daemon defaults (100 / 0) replacing in place.
 */
final class DaemonReconciler extends Reconciler {
  private final List<Integer> eligible = new ArrayList<>();
  private Demand demand;

  @Override
  int desiredCount(Tick tick) {
    eligible.clear();
    // Eligibility depends on constraints and the platform only, so the probe needs no resources.
    Demand probe = new Demand(new PlacementRequest(tick.spec.group(), new TaskRequirements(0, 0, List.of(),
        PlatformRequirements.of(tick.spec.taskDefinition())), List.of(), tick.spec.service().placementConstraints(), 1));
    for (int i = 0; i < tick.cluster.size(); i++) {
      if (PlacementPipeline.eligible(tick.cluster, probe, i)) {
        eligible.add(i);
      }
    }
    return eligible.size();
  }

  @Override
  void decide(Tick tick, ServiceTasks tasks) {
    try {
      demand = new Demand(request(tick, 1));
    } catch (IllegalArgumentException unreadable) {
      tick.unplaced(eligible.size(), unreadable.getMessage());
      return;
    }
    int desired = eligible.size();
    var config = tick.spec.service().deploymentConfiguration();
    int upper = upperBound(desired, config);
    int lower = lowerBound(desired, config);
    String primaryId = tick.primary().id();
    Map<Integer, List<Task>> byInstance = new TreeMap<>();
    int healthy = 0;
    for (Task task : tasks.wanted) {
      int i = tick.cluster.indexOf(task.instanceId());
      if (!eligible.contains(i) && draining(tick, i) && othersStillOn(tick, task.instanceId())) {
        continue; // a daemon stops last on a draining instance: the tasks it serves may still need it
      }
      if (!eligible.contains(i)) {
        tick.stop(task, tick.cluster.instance(i).status() != InstanceStatus.ACTIVE
            ? "Container instance " + task.instanceId() + " is " + tick.cluster.instance(i).status()
            : "Container instance " + task.instanceId() + " no longer matches the service's placement constraints", false);
        continue;
      }
      byInstance.computeIfAbsent(i, k -> new ArrayList<>()).add(task);
      healthy += ServiceTasks.healthy(tick, task) ? 1 : 0;
    }
    int live = tasks.wanted.size() + tasks.stopping.size() + tasks.unhealthy.size();
    List<String> unplaced = new ArrayList<>();
    for (int i : eligible) {
      List<Task> here = byInstance.getOrDefault(i, List.of());
      List<Task> current = new ArrayList<>();
      List<Task> old = new ArrayList<>();
      here.forEach(t -> (t.deploymentId().map(primaryId::equals).orElse(false) ? current : old).add(t));
      for (int extra = 1; extra < current.size(); extra++) {
        tick.stop(current.get(extra), "Scaling activity initiated by (deployment " + primaryId + "): one daemon task per instance", false);
      }
      if (!current.isEmpty()) {
        boolean replacementHealthy = ServiceTasks.healthy(tick, current.get(0));
        for (Task task : old) {
          boolean wasHealthy = ServiceTasks.healthy(tick, task);
          if (replacementHealthy || !wasHealthy || healthy - 1 >= lower) {
            tick.stop(task, "Stopped by deployment " + primaryId + " (rolling update)", false);
            healthy -= wasHealthy ? 1 : 0;
          }
        }
        continue;
      }
      if (live < upper && !tick.throttled() && PlacementPipeline.fits(tick.cluster, demand, i)) {
        launch(tick, PlacementPipeline.select(tick.cluster, demand, i), demand.requirements());
        live++;
        continue;
      }
      for (Task task : old) {
        boolean wasHealthy = ServiceTasks.healthy(tick, task);
        if (!wasHealthy || healthy - 1 >= lower) {
          tick.stop(task, "Stopped by deployment " + primaryId + " (rolling update)", false);
          healthy -= wasHealthy ? 1 : 0;
        }
      }
      boolean stoppingHere = tasks.stopping.stream().anyMatch(t -> t.instanceId().equals(tick.cluster.instance(i).instanceId()));
      if (old.isEmpty() && !stoppingHere && !tick.throttled() && live < upper) {
        vetoOn(tick, i).ifPresent(unplaced::add);
      }
    }
    if (!unplaced.isEmpty()) {
      tick.unplaced(unplaced.size(), String.join("; ", unplaced));
    }
  }

  private static boolean draining(Tick tick, int i) {
    return tick.cluster.instance(i).status() == InstanceStatus.DRAINING;
  }

  private static boolean othersStillOn(Tick tick, String instanceId) {
    String group = tick.spec.group();
    return tick.snapshot.tasks().stream()
        .anyMatch(t -> t.isLive() && t.instanceId().equals(instanceId) && !t.group().equals(group));
  }

  private Optional<String> vetoOn(Tick tick, int i) {
    if (demand.invalidConstraint().isPresent()) {
      return demand.invalidConstraint();
    }
    return PlacementPipeline.firstVeto(tick.cluster, demand, i)
        .map(veto -> "instance " + tick.cluster.instance(i).instanceId() + ": " + veto);
  }
}
