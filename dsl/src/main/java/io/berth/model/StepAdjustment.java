package io.berth.model;

import java.util.Optional;

/** One step of a step scaling policy, bounds relative to the alarm threshold. */
public record StepAdjustment(
    Optional<Double> metricIntervalLowerBound,
    Optional<Double> metricIntervalUpperBound,
    Integer scalingAdjustment) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public StepAdjustment {
    metricIntervalLowerBound = Defaults.optional(metricIntervalLowerBound);
    metricIntervalUpperBound = Defaults.optional(metricIntervalUpperBound);
    Defaults.required(scalingAdjustment, "scalingAdjustment");
  }
}
