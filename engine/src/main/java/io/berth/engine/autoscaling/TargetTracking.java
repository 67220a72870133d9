package io.berth.engine.autoscaling;

import io.berth.model.TargetTrackingPolicy;
import java.time.Instant;
import java.util.Optional;

/** A target tracking policy's vote: desired = ceil(current * metric / target), scaling in only below 90% of target. */
final class TargetTracking {
  /** Scale in only once the metric is this far below target, so a count near target does not flap. */
  static final double SCALE_IN_TOLERANCE = 0.10;

  private TargetTracking() {}

  static Vote vote(TargetTrackingPolicy policy, int current, ServiceMetrics metrics, AutoscalerState state, Instant now) {
    String label = ServiceMetrics.label(policy.metric());
    Optional<Double> value = metrics.value(policy.metric());
    if (value.isEmpty()) {
      return Vote.hold("no " + label + " data for policy " + policy.policyName());
    }
    if (current == 0) {
      return Vote.abstain("no running count to scale from");
    }
    double metric = value.get();
    double target = policy.targetValue();
    // The epsilon keeps a metric exactly on target from rounding up through floating-point noise.
    int computed = (int) Math.min(Integer.MAX_VALUE, Math.ceil(current * metric / target - 1e-9));
    String compared = label + " " + ServiceMetrics.format(policy.metric(), metric)
        + (metric > target ? " above" : " below") + " target " + ServiceMetrics.format(policy.metric(), target);
    if (computed > current) {
      if (within(state.lastScaleOut(), policy.scaleOutCooldown(), now)) {
        return Vote.hold("scale-out cooldown of policy " + policy.policyName());
      }
      return Vote.out(computed, compared);
    }
    if (computed < current && metric < target * (1 - SCALE_IN_TOLERANCE)) {
      if (policy.disableScaleIn()) {
        return Vote.abstain("policy " + policy.policyName() + " has scale-in disabled");
      }
      if (within(state.lastScale(), policy.scaleInCooldown(), now)) {
        return Vote.hold("scale-in cooldown of policy " + policy.policyName());
      }
      return Vote.in(computed, compared);
    }
    return policy.disableScaleIn() ? Vote.abstain("at target") : Vote.hold(label + " within tolerance of target");
  }

  /** Whether {@code now} is still inside a cooldown of {@code seconds} after {@code last}. */
  static boolean within(Optional<Instant> last, int seconds, Instant now) {
    return last.isPresent() && now.isBefore(last.get().plusSeconds(seconds));
  }
}
