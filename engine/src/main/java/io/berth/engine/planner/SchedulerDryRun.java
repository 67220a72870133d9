package io.berth.engine.planner;

import io.berth.plans.DryRun;
import io.berth.plans.Plan;

/**
 * Asks a scheduler where the tasks of a plan's target state would go, without placing anything
 * (Nomad's {@code job plan}). The answer is rendered under "Scheduler dry-run:".
 */
@FunctionalInterface
public interface SchedulerDryRun {
  /** The placements and failures the scheduler would produce for {@code plan}'s target. */
  DryRun dryRun(Plan plan);

  /** As {@link #dryRun(Plan)}, with the clusters of other stacks the plan's services run on ({@code referenced}). */
  default DryRun dryRun(Plan plan, java.util.List<io.berth.model.Cluster> referenced) {
    return dryRun(plan);
  }

  /** No scheduler to ask (no registered container instances known): the section says so. */
  SchedulerDryRun NONE = plan -> DryRun.skipped("no container instances are known to the state repository,"
      + " so placement was not simulated");
}
