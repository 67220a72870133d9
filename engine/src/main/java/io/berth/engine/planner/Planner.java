package io.berth.engine.planner;

import io.berth.engine.state.ApplyCommit;
import io.berth.engine.state.Attribution;
import io.berth.engine.state.StateMovedException;
import io.berth.engine.state.StateRepository;
import io.berth.model.DesiredState;
import io.berth.plans.Action;
import io.berth.plans.DryRun;
import io.berth.plans.LiveState;
import io.berth.plans.Partial;
import io.berth.plans.Plan;
import io.berth.plans.ResourceAddress;
import io.berth.plans.Summary;
import io.berth.plans.diff.StateDiff;
import io.berth.plans.diff.Targeting;
import io.berth.plans.file.PlanFile;
import io.berth.plans.file.SavedPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Plans and applies: reads the live state, runs the pure diff, asks the scheduler for a dry run,
 * and writes an accepted plan's target state as one commit, refusing a plan when something it read
 * from the state has changed since (see the concurrency rule in {@code docs/state-repository.md}).
 */
public final class Planner {
  private final StateRepository state;
  private final SchedulerDryRun scheduler;
  private final Attribution by;

  /** A planner over {@code state}, asking {@code scheduler} for placement dry runs; commits are Berth's own. */
  public Planner(StateRepository state, SchedulerDryRun scheduler) {
    this(state, scheduler, Attribution.berth(toolVersion()));
  }

  /** As above, its commits attributed to {@code by}. */
  public Planner(StateRepository state, SchedulerDryRun scheduler, Attribution by) {
    this.state = state;
    this.scheduler = scheduler;
    this.by = by;
  }

  /**
   * The plan taking the state's tip to {@code desired}.
   *
   * @throws UnsupportedOnBerthException when Berth's runtime cannot carry out a setting of {@code desired}
   */
  public Plan plan(DesiredState desired) {
    return plan(desired, List.of());
  }

  /**
   * As {@link #plan(DesiredState)}, covering only the resources {@code only} names and what they
   * need ({@code --only service/web}, see {@link Targeting}); all of them when it is empty.
   *
   * @throws UnsupportedOnBerthException when Berth's runtime cannot carry out a setting of {@code desired}
   */
  public Plan plan(DesiredState desired, List<String> only) {
    RuntimeSupport.check(desired, state);
    LiveState live = state.live(desired);
    Plan plan;
    if (only.isEmpty()) {
      plan = StateDiff.plan(desired, live, toolVersion());
    } else {
      Targeting.Narrowed narrowed = Targeting.narrow(desired, live.declared(), only);
      plan = Targeting.restrict(StateDiff.plan(narrowed.desired(), live, toolVersion()), live.declared(), narrowed);
    }
    DryRun dryRun = scheduler.dryRun(plan, live.links().clusters());
    List<String> empty = RuntimeSupport.clustersWithoutInstances(plan, state);
    if (!empty.isEmpty()) {
      dryRun = new DryRun(dryRun.ran(), dryRun.note() + "; cluster " + String.join(", ", empty) + " has no container"
          + " instances: its tasks wait until an agent joins it (berth up --cluster NAME, berth agent --cluster NAME)",
          dryRun.placements(), dryRun.failures());
    }
    return plan.withDryRun(dryRun);
  }

  /**
   * Applies {@code plan} (whose plan file bytes are {@code planFile}) if the state is still where
   * the plan was made. Returns the new commit, or empty when the plan changes nothing.
   *
   * @throws StalePlanException when something the plan read changed since; nothing was changed
   */
  public Optional<String> apply(Plan plan, byte[] planFile) {
    return apply(plan, () -> PlanFile.digest(planFile));
  }

  /**
   * As {@link #apply(Plan, byte[])}, with the plan file's digest from {@code planFileDigest}, asked
   * for only when the plan changes something (so a caller can compute it while it reads the plan).
   */
  public Optional<String> apply(Plan plan, Supplier<String> planFileDigest) {
    return apply(plan.planId(), plan.baseState(), plan.reads(), plan.applicationCommit(), plan.summary(),
        plan.changes().stream().map(c -> new SavedPlan.Changed(c.action(), c.address())).toList(),
        plan.partial().map(Partial::only).orElse(List.of()), planFileDigest,
        message -> state.apply(plan.baseState(), plan.reads(), plan.target(), message));
  }

  /**
   * As {@link #apply(Plan, Supplier)} for a plan read from its file by {@link PlanFile#read}: its
   * target documents are written as the file holds them.
   */
  public Optional<String> apply(SavedPlan plan, Supplier<String> planFileDigest) {
    return apply(plan.planId(), plan.baseState(), plan.reads(), plan.applicationCommit(), plan.summary(),
        plan.changes(), plan.only(), planFileDigest,
        message -> state.apply(plan.baseState(), plan.reads(), plan.target(), message));
  }

  private Optional<String> apply(String planId, Optional<String> baseState, Map<String, String> reads,
      Optional<String> applicationCommit, Summary summary, List<SavedPlan.Changed> changes, List<ResourceAddress> only,
      Supplier<String> planFileDigest, Function<ApplyCommit, String> write) {
    try {
      state.checkReads(baseState, reads);
      if (summary.isEmpty()) {
        return Optional.empty();
      }
      ApplyCommit message = new ApplyCommit(summary.line(), body(changes, only), planId, planFileDigest.get(),
          by.withApplicationCommit(applicationCommit.or(by::applicationCommit)));
      return Optional.of(write.apply(message));
    } catch (StateMovedException e) {
      throw new StalePlanException(e.getMessage(), e);
    }
  }

  /** Applies {@code plan} as its plan file would hold it ({@link PlanFile}), for {@code apply --auto-approve}. */
  public Optional<String> apply(Plan plan) {
    return apply(plan, PlanFile.write(plan));
  }

  /** The berth version written into plans ({@link BuildInfo#version()}). */
  public static String toolVersion() {
    return BuildInfo.current().version();
  }

  private static String body(List<SavedPlan.Changed> changes, List<ResourceAddress> only) {
    String lines = changes.stream().filter(c -> c.action() != Action.NO_OP).limit(500)
        .map(Planner::line).collect(Collectors.joining("\n"));
    return only.isEmpty() ? lines : "Partial plan (--only " + only.stream().map(a -> a.type().label() + "/" + a.id())
        .collect(Collectors.joining(" --only ")) + "): the rest of the stack was left as it was.\n\n" + lines;
  }

  private static String line(SavedPlan.Changed change) {
    return change.action().marker() + " " + change.address();
  }
}
