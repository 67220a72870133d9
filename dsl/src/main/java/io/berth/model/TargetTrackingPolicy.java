package io.berth.model;

/** Keeps a metric near a target value by changing the desired count. */
public record TargetTrackingPolicy(
    String policyName,
    ScalingMetric metric,
    Double targetValue,
    Integer scaleOutCooldown,
    Integer scaleInCooldown,
    Boolean disableScaleIn) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public TargetTrackingPolicy {
    Defaults.required(policyName, "policyName");
    Defaults.required(metric, "metric");
    Defaults.required(targetValue, "targetValue");
    Defaults.required(scaleOutCooldown, "scaleOutCooldown");
    Defaults.required(scaleInCooldown, "scaleInCooldown");
    Defaults.required(disableScaleIn, "disableScaleIn");
  }
}
