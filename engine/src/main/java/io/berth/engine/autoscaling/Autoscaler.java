package io.berth.engine.autoscaling;

import io.berth.model.ScheduledAction;
import io.berth.model.ServiceScaling;
import io.berth.model.StepScalingPolicy;
import io.berth.model.TargetTrackingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides a service's desired count from its auto scaling declaration: scheduled actions first move the
 * min/max capacity, then every policy votes (scale out if any says so, in only if all agree), and the
 * result is always clamped to [min, max].
 *
 * <p>Example: {@code Autoscaler.decide(scaling, 3, ServiceMetrics.of(93, 40), state, now)} with a 60% CPU
 * target gives 5 with the reason "average CPU 93% above target 60%".
 */
public final class Autoscaler {
  private Autoscaler() {}

  /** One evaluation; pure: the same inputs give the same decision. */
  public static ScalingDecision decide(ServiceScaling scaling, int currentDesired, ServiceMetrics metrics,
      AutoscalerState state, Instant now) {
    List<String> scheduledReasons = new ArrayList<>();
    AutoscalerState scheduled = applySchedules(scaling, state, now, scheduledReasons);
    int min = scheduled.scheduledMinCapacity().orElse(scaling.minCapacity());
    // A scheduled min above the max lifts the max with it rather than leaving an empty range.
    int max = Math.max(min, scheduled.scheduledMaxCapacity().orElse(scaling.maxCapacity()));

    Vote chosen = elect(votes(scaling, currentDesired, metrics, scheduled, now));
    int candidate = chosen == null ? currentDesired : chosen.desired();
    int clamped = Math.max(min, Math.min(max, candidate));

    List<String> reasons = new ArrayList<>(scheduledReasons);
    if (chosen != null && clamped != currentDesired) {
      reasons.add(chosen.reason());
    }
    if (clamped != candidate) {
      reasons.add(candidate < min ? "raised to min capacity " + min : "capped at max capacity " + max);
    }
    AutoscalerState next = new AutoscalerState(
        clamped > currentDesired ? Optional.of(now) : scheduled.lastScaleOut(),
        clamped < currentDesired ? Optional.of(now) : scheduled.lastScaleIn(),
        scheduled.scheduledMinCapacity(), scheduled.scheduledMaxCapacity(), Optional.of(now));
    return new ScalingDecision(currentDesired, clamped, clamped == currentDesired ? "" : String.join("; ", reasons), next);
  }

  private static List<Vote> votes(ServiceScaling scaling, int current, ServiceMetrics metrics, AutoscalerState state,
      Instant now) {
    List<Vote> votes = new ArrayList<>();
    for (TargetTrackingPolicy policy : scaling.targetTracking()) {
      votes.add(TargetTracking.vote(policy, current, metrics, state, now));
    }
    for (StepScalingPolicy policy : scaling.stepScaling()) {
      votes.add(StepScaling.vote(policy, current, metrics, state, now));
    }
    return votes;
  }

  /** The winning vote, or null to keep the count: the largest OUT, else the mildest IN when nothing holds. */
  private static Vote elect(List<Vote> votes) {
    Optional<Vote> out = votes.stream().filter(v -> v.kind() == Vote.Kind.OUT).max(Comparator.comparingInt(Vote::desired));
    if (out.isPresent()) {
      return out.get();
    }
    boolean held = votes.stream().anyMatch(v -> v.kind() == Vote.Kind.HOLD);
    Optional<Vote> in = votes.stream().filter(v -> v.kind() == Vote.Kind.IN).max(Comparator.comparingInt(Vote::desired));
    return held ? null : in.orElse(null);
  }

  /** Fires the scheduled actions due since the last evaluation, in fire-time order, so the latest one wins. */
  private static AutoscalerState applySchedules(ServiceScaling scaling, AutoscalerState state, Instant now,
      List<String> reasons) {
    if (state.lastEvaluated().isEmpty()) {
      return state; // the first evaluation only starts the clock: nothing was missed yet
    }
    Instant after = state.lastEvaluated().get();
    record Due(Instant at, ScheduledAction action) {}
    List<Due> due = new ArrayList<>();
    for (ScheduledAction action : scaling.scheduledActions()) {
      Schedule.parse(action.schedule(), action.timezone()).latestFire(after, now)
          .ifPresent(at -> due.add(new Due(at, action)));
    }
    due.sort(Comparator.comparing(Due::at).thenComparing(d -> d.action().name()));
    Optional<Integer> min = state.scheduledMinCapacity();
    Optional<Integer> max = state.scheduledMaxCapacity();
    for (Due d : due) {
      ScheduledAction action = d.action();
      min = action.minCapacity().isPresent() ? action.minCapacity() : min;
      max = action.maxCapacity().isPresent() ? action.maxCapacity() : max;
      reasons.add("scheduled action " + action.name() + " set"
          + action.minCapacity().map(v -> " min capacity " + v).orElse("")
          + action.maxCapacity().map(v -> " max capacity " + v).orElse(""));
    }
    return new AutoscalerState(state.lastScaleOut(), state.lastScaleIn(), min, max, state.lastEvaluated());
  }
}
