package io.berth.engine.planner;

import io.berth.engine.scheduler.dryrun.DryRunPlacer;
import io.berth.engine.scheduler.dryrun.DryRunReport;
import io.berth.engine.scheduler.dryrun.ServiceDryRun;
import io.berth.model.Cluster;
import io.berth.model.Service;
import io.berth.plans.Action;
import io.berth.plans.DeclaredState;
import io.berth.plans.DryRun;
import io.berth.plans.Plan;
import io.berth.plans.ResourceChange;
import io.berth.plans.ResourceKind;
import io.berth.plans.TaskDefinitionRevision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The scheduler dry-run of a plan: the services the plan creates, changes or replaces are placed by
 * the real scheduler ({@link DryRunPlacer}) against their clusters' declared capacity, and the verdicts
 * become the plan's {@code Scheduler dry-run:} section.
 */
public final class PlacementDryRun implements SchedulerDryRun {

  @Override
  public DryRun dryRun(Plan plan) {
    return dryRun(plan, List.of());
  }

  @Override
  public DryRun dryRun(Plan plan, List<Cluster> referenced) {
    List<Cluster> declared = new ArrayList<>(plan.target().clusters());
    declared.addAll(referenced);
    Set<String> changed = new TreeSet<>();
    Set<String> clusters = new TreeSet<>();
    Map<String, Service> byKey = new TreeMap<>();
    plan.target().services().forEach(s -> byKey.put(DeclaredState.key(s), s));
    for (ResourceChange change : plan.changes()) {
      boolean placesTasks = change.action() == Action.CREATE || change.action() == Action.UPDATE
          || change.action() == Action.REPLACE;
      Service service = byKey.get(change.address().id());
      if (change.address().type() == ResourceKind.SERVICE && placesTasks && service != null) {
        changed.add(change.address().id());
        clusters.add(service.cluster());
      }
    }
    if (changed.isEmpty()) {
      return DryRun.skipped("no service is created or changed, so nothing new is placed");
    }
    boolean capacity = declared.stream()
        .anyMatch(c -> clusters.contains(c.name()) && !c.capacity().isEmpty());
    if (!capacity) {
      return DryRun.skipped("cluster " + String.join(", ", clusters) + " declares no capacity"
          + " (instance groups), so placement was not simulated");
    }
    DeclaredState target = plan.target();
    DryRunReport report = DryRunPlacer.run(declared,
        target.taskDefinitions().stream().map(TaskDefinitionRevision::definition).toList(), target.services(),
        changed, Map.of());
    return convert(report, byKey);
  }

  private static DryRun convert(DryRunReport report, Map<String, Service> byKey) {
    List<DryRun.Placement> placements = new ArrayList<>();
    List<DryRun.Failure> failures = new ArrayList<>();
    for (ServiceDryRun verdict : report.services()) {
      String key = verdict.cluster() + "/" + verdict.serviceName();
      String revision = byKey.containsKey(key) ? byKey.get(key).taskDefinition() : "?";
      verdict.placements().forEach((instance, tasks) ->
          placements.add(new DryRun.Placement(key, revision, instance, tasks)));
      if (!verdict.allPlaced()) {
        failures.add(new DryRun.Failure(key, verdict.desiredCount() - verdict.placedCount(),
            verdict.unplacedReason().orElse("unknown reason")));
      }
    }
    return new DryRun(true, "placed against " + report.basis(), placements, failures);
  }

}
