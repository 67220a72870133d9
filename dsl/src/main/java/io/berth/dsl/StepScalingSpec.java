package io.berth.dsl;

import io.berth.model.AdjustmentType;
import io.berth.model.ComparisonOperator;
import io.berth.model.ModelPaths;
import io.berth.model.ScalingMetric;
import io.berth.model.StepAdjustment;
import io.berth.model.StepScalingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A step scaling policy: when {@code metric} crosses {@code threshold}, change the desired count by
 * the step whose bounds (relative to the threshold; {@code null} = unbounded) hold the breach.
 */
public final class StepScalingSpec {
  private final String path;
  private final CallSites sites;
  private ScalingMetric metric = ScalingMetric.ECSSERVICEAVERAGECPUUTILIZATION;
  private ComparisonOperator operator = ComparisonOperator.GREATERTHANOREQUALTOTHRESHOLD;
  private double threshold;
  private AdjustmentType adjustmentType = AdjustmentType.CHANGEINCAPACITY;
  private final List<StepAdjustment> steps = new ArrayList<>();
  private Optional<Integer> minAdjustmentMagnitude = Optional.empty();
  private int cooldown = AutoScalingSpec.DEFAULT_COOLDOWN;

  StepScalingSpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** The metric the alarm watches (default average CPU). */
  public StepScalingSpec metric(ScalingMetric metric) {
    record("metric");
    this.metric = Objects.requireNonNull(metric, "metric == null");
    return this;
  }

  /** Alarm when the metric is at or above {@code threshold}. */
  public StepScalingSpec above(double threshold) {
    return alarm(ComparisonOperator.GREATERTHANOREQUALTOTHRESHOLD, threshold);
  }

  /** Alarm when the metric is at or below {@code threshold}. */
  public StepScalingSpec below(double threshold) {
    return alarm(ComparisonOperator.LESSTHANOREQUALTOTHRESHOLD, threshold);
  }

  /** Alarm when {@code operator} holds between the metric and {@code threshold}. */
  public StepScalingSpec alarm(ComparisonOperator operator, double threshold) {
    record("threshold");
    this.operator = Objects.requireNonNull(operator, "operator == null");
    this.threshold = threshold;
    return this;
  }

  /** How step adjustments are read (default ChangeInCapacity). */
  public StepScalingSpec adjustmentType(AdjustmentType type) {
    record("adjustmentType");
    this.adjustmentType = Objects.requireNonNull(type, "adjustmentType == null");
    return this;
  }

  /** A step: breaches in [lower, upper) relative to the threshold change capacity by {@code adjustment}. */
  public StepScalingSpec step(Double lower, Double upper, int adjustment) {
    sites.record(ModelPaths.element(path, "steps", steps.size()));
    steps.add(new StepAdjustment(Optional.ofNullable(lower), Optional.ofNullable(upper), adjustment));
    return this;
  }

  /** With PercentChangeInCapacity: change by at least this many tasks. */
  public StepScalingSpec minAdjustmentMagnitude(int tasks) {
    record("minAdjustmentMagnitude");
    minAdjustmentMagnitude = Optional.of(tasks);
    return this;
  }

  /** Seconds after a scaling activity before another may start (default 300). */
  public StepScalingSpec cooldown(int seconds) {
    record("cooldown");
    cooldown = seconds;
    return this;
  }

  StepScalingPolicy build(String name) {
    return new StepScalingPolicy(name, metric, operator, threshold, adjustmentType, steps,
        minAdjustmentMagnitude, cooldown);
  }

  private void record(String member) {
    sites.record(ModelPaths.member(path, member));
  }
}
