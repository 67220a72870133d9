package io.berth.engine.planner;

import io.berth.engine.state.ApplyCommit;
import io.berth.engine.state.StaleStateException;
import io.berth.engine.state.StateRepository;
import io.berth.model.DesiredState;
import io.berth.plans.Action;
import io.berth.plans.LiveState;
import io.berth.plans.Plan;
import io.berth.plans.diff.Digests;
import io.berth.plans.diff.StateDiff;
import io.berth.plans.file.PlanFile;
import io.berth.plans.file.SavedPlan;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Plans and applies: reads the live state, runs the pure diff, asks the scheduler for a dry run,
 * and writes an accepted plan's target state as one commit, refusing a plan whose base is no longer
 * the state's tip.
 */
public final class Planner {
  private final StateRepository state;
  private final SchedulerDryRun scheduler;

  /** A planner over {@code state}, asking {@code scheduler} for placement dry runs. */
  public Planner(StateRepository state, SchedulerDryRun scheduler) {
    this.state = state;
    this.scheduler = scheduler;
  }

  /** The plan taking the state's tip to {@code desired}. */
  public Plan plan(DesiredState desired) {
    LiveState live = state.live(desired.stack());
    Plan plan = StateDiff.plan(desired, live, toolVersion());
    return plan.withDryRun(scheduler.dryRun(plan));
  }

  /**
   * Applies {@code plan} (whose plan file bytes are {@code planFile}) if the state is still where
   * the plan was made. Returns the new commit, or empty when the plan changes nothing.
   *
   * @throws StalePlanException when the state moved since the plan was made; nothing was changed
   */
  public Optional<String> apply(Plan plan, byte[] planFile) {
    return apply(plan, () -> Digests.sha256(planFile));
  }

  /**
   * As {@link #apply(Plan, byte[])}, with the plan file's digest from {@code planFileDigest}, asked
   * for only when the plan changes something (so a caller can compute it while it reads the plan).
   */
  public Optional<String> apply(Plan plan, Supplier<String> planFileDigest) {
    return apply(SavedPlan.of(plan), planFileDigest);
  }

  /** As {@link #apply(Plan, Supplier)}, for a plan read from its file by {@link PlanFile#read}. */
  public Optional<String> apply(SavedPlan plan, Supplier<String> planFileDigest) {
    Optional<String> tip = state.tip();
    if (!tip.equals(plan.baseState())) {
      throw stale(plan.baseState(), tip);
    }
    if (!plan.hasChanges()) {
      return Optional.empty();
    }
    ApplyCommit message = new ApplyCommit(plan.summary().line(), body(plan), plan.planId(),
        planFileDigest.get());
    try {
      return Optional.of(state.apply(plan.baseState(), plan.target(), plan.targetJson(), message));
    } catch (StaleStateException e) {
      throw stale(plan.baseState(), state.tip());
    }
  }

  /** Applies {@code plan} as its plan file would hold it ({@link PlanFile}), for {@code apply --auto-approve}. */
  public Optional<String> apply(Plan plan) {
    return apply(plan, PlanFile.write(plan));
  }

  /** The berth version written into plans: the jar's version, or "dev" when run from classes. */
  public static String toolVersion() {
    String version = Planner.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  private static String body(SavedPlan plan) {
    return plan.changes().stream().filter(c -> c.action() != Action.NO_OP).limit(500)
        .map(Planner::line).collect(Collectors.joining("\n"));
  }

  private static String line(SavedPlan.Changed change) {
    return change.action().marker() + " " + change.address();
  }

  private static StalePlanException stale(Optional<String> planned, Optional<String> now) {
    return new StalePlanException(planned.map(Planner::shortId).orElse("(empty)"),
        now.map(Planner::shortId).orElse("(empty)"));
  }

  private static String shortId(String commit) {
    return commit.substring(0, Math.min(12, commit.length()));
  }
}
