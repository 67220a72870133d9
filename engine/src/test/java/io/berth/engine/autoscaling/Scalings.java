package io.berth.engine.autoscaling;

import io.berth.model.AdjustmentType;
import io.berth.model.ComparisonOperator;
import io.berth.model.ScalingMetric;
import io.berth.model.ScheduledAction;
import io.berth.model.ServiceScaling;
import io.berth.model.StepAdjustment;
import io.berth.model.StepScalingPolicy;
import io.berth.model.TargetTrackingPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small builders for scaling declarations in tests. */
final class Scalings {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final ScalingMetric CPU = ScalingMetric.ECSSERVICEAVERAGECPUUTILIZATION;
  static final ScalingMetric MEMORY = ScalingMetric.ECSSERVICEAVERAGEMEMORYUTILIZATION;

  private Scalings() {}

  static ServiceScaling scaling(int min, int max, List<TargetTrackingPolicy> targets, List<StepScalingPolicy> steps,
      List<ScheduledAction> scheduled) {
    return new ServiceScaling("default", "web", min, max, targets, steps, scheduled);
  }

  static ServiceScaling targets(int min, int max, TargetTrackingPolicy... policies) {
    return scaling(min, max, List.of(policies), List.of(), List.of());
  }

  static TargetTrackingPolicy target(String name, ScalingMetric metric, double value) {
    return new TargetTrackingPolicy(name, metric, value, 300, 300, false);
  }

  static TargetTrackingPolicy cpuTarget(double value) {
    return target("cpu", CPU, value);
  }

  static TargetTrackingPolicy noScaleIn(TargetTrackingPolicy p) {
    return new TargetTrackingPolicy(p.policyName(), p.metric(), p.targetValue(), p.scaleOutCooldown(),
        p.scaleInCooldown(), true);
  }

  static StepScalingPolicy step(ComparisonOperator operator, double threshold, AdjustmentType type,
      Optional<Integer> minMagnitude, int cooldown, StepAdjustment... steps) {
    return new StepScalingPolicy("steps", CPU, operator, threshold, type, List.of(steps), minMagnitude, cooldown);
  }

  static StepAdjustment between(Double lower, Double upper, int adjustment) {
    return new StepAdjustment(Optional.ofNullable(lower), Optional.ofNullable(upper), adjustment);
  }

  static ScheduledAction action(String name, String schedule, Integer min, Integer max) {
    return new ScheduledAction(name, schedule, Optional.empty(), Optional.ofNullable(min), Optional.ofNullable(max));
  }

  static ServiceMetrics cpu(double value) {
    return new ServiceMetrics(Optional.of(value), Optional.empty(), Optional.empty());
  }

  static AutoscalerState evaluatedAt(Instant at) {
    return new AutoscalerState(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(at));
  }

  static AutoscalerState scaledOutAt(Instant at) {
    return new AutoscalerState(Optional.of(at), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(at));
  }

  static AutoscalerState scaledInAt(Instant at) {
    return new AutoscalerState(Optional.empty(), Optional.of(at), Optional.empty(), Optional.empty(), Optional.of(at));
  }
}
