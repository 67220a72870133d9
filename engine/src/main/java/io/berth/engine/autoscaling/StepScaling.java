package io.berth.engine.autoscaling;

import io.berth.model.AdjustmentType;
import io.berth.model.ComparisonOperator;
import io.berth.model.StepAdjustment;
import io.berth.model.StepScalingPolicy;
import java.time.Instant;
import java.util.Optional;

/**
 * A step scaling policy's vote: when its alarm fires, the step whose interval (relative to the threshold)
 * holds the metric adjusts the count. Above the threshold intervals include their lower bound, below it
 * their upper bound, so adjacent steps never both match.
 */
final class StepScaling {
  private StepScaling() {}

  static Vote vote(StepScalingPolicy policy, int current, ServiceMetrics metrics, AutoscalerState state, Instant now) {
    Optional<Double> value = metrics.value(policy.metric());
    if (value.isEmpty()) {
      return Vote.abstain("alarm of policy " + policy.policyName() + " has no data");
    }
    double metric = value.get();
    if (!firing(policy.comparisonOperator(), metric, policy.threshold())) {
      return Vote.abstain("alarm of policy " + policy.policyName() + " is not firing");
    }
    double difference = metric - policy.threshold();
    boolean above = policy.comparisonOperator() == ComparisonOperator.GREATERTHANOREQUALTOTHRESHOLD
        || policy.comparisonOperator() == ComparisonOperator.GREATERTHANTHRESHOLD;
    Optional<StepAdjustment> step = policy.stepAdjustments().stream()
        .filter(s -> contains(s, difference, above)).findFirst();
    if (step.isEmpty()) {
      return Vote.abstain("no step of policy " + policy.policyName() + " covers the metric");
    }
    int computed = Math.max(0, adjust(policy, step.get().scalingAdjustment(), current));
    String reason = ServiceMetrics.label(policy.metric()) + " " + ServiceMetrics.format(policy.metric(), metric)
        + (above ? " above" : " below") + " alarm threshold " + ServiceMetrics.format(policy.metric(), policy.threshold())
        + " (policy " + policy.policyName() + ")";
    if (computed == current) {
      return Vote.abstain("step leaves the count unchanged");
    }
    if (TargetTracking.within(state.lastScale(), policy.cooldown(), now)) {
      return Vote.hold("cooldown of policy " + policy.policyName());
    }
    return computed > current ? Vote.out(computed, reason) : Vote.in(computed, reason);
  }

  /** The new count for one adjustment; percent changes round toward zero but move at least 1 (or the minimum magnitude). */
  static int adjust(StepScalingPolicy policy, int adjustment, int current) {
    if (policy.adjustmentType() == AdjustmentType.EXACTCAPACITY) {
      return adjustment;
    }
    if (policy.adjustmentType() == AdjustmentType.CHANGEINCAPACITY) {
      return current + adjustment;
    }
    long delta = (long) (current * (double) adjustment / 100.0);
    if (delta == 0 && adjustment != 0) {
      delta = Integer.signum(adjustment);
    }
    int magnitude = policy.minAdjustmentMagnitude().orElse(0);
    if (Math.abs(delta) < magnitude) {
      delta = (long) Integer.signum(adjustment) * magnitude;
    }
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, current + delta));
  }

  private static boolean firing(ComparisonOperator operator, double metric, double threshold) {
    return switch (operator) {
      case GREATERTHANOREQUALTOTHRESHOLD -> metric >= threshold;
      case GREATERTHANTHRESHOLD -> metric > threshold;
      case LESSTHANTHRESHOLD -> metric < threshold;
      case LESSTHANOREQUALTOTHRESHOLD -> metric <= threshold;
    };
  }

  private static boolean contains(StepAdjustment step, double difference, boolean above) {
    double lower = step.metricIntervalLowerBound().orElse(Double.NEGATIVE_INFINITY);
    double upper = step.metricIntervalUpperBound().orElse(Double.POSITIVE_INFINITY);
    return above ? lower <= difference && difference < upper : lower < difference && difference <= upper;
  }
}
