package io.berth.model;

import java.util.List;
import java.util.Optional;

/** Changes the desired count in steps when an alarm on a metric fires. */
public record StepScalingPolicy(
    String policyName,
    ScalingMetric metric,
    ComparisonOperator comparisonOperator,
    Double threshold,
    AdjustmentType adjustmentType,
    List<StepAdjustment> stepAdjustments,
    Optional<Integer> minAdjustmentMagnitude,
    Integer cooldown) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public StepScalingPolicy {
    Defaults.required(policyName, "policyName");
    Defaults.required(metric, "metric");
    Defaults.required(comparisonOperator, "comparisonOperator");
    Defaults.required(threshold, "threshold");
    Defaults.required(adjustmentType, "adjustmentType");
    stepAdjustments = Defaults.list(stepAdjustments);
    minAdjustmentMagnitude = Defaults.optional(minAdjustmentMagnitude);
    Defaults.required(cooldown, "cooldown");
  }
}
