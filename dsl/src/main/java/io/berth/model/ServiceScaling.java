package io.berth.model;

import java.util.List;

/** Service auto scaling: the scalable target (min/max of the desired count) and its policies. */
public record ServiceScaling(
    String cluster,
    String service,
    Integer minCapacity,
    Integer maxCapacity,
    List<TargetTrackingPolicy> targetTracking,
    List<StepScalingPolicy> stepScaling,
    List<ScheduledAction> scheduledActions) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public ServiceScaling {
    Defaults.required(cluster, "cluster");
    Defaults.required(service, "service");
    Defaults.required(minCapacity, "minCapacity");
    Defaults.required(maxCapacity, "maxCapacity");
    targetTracking = Defaults.list(targetTracking);
    stepScaling = Defaults.list(stepScaling);
    scheduledActions = Defaults.list(scheduledActions);
  }
}
