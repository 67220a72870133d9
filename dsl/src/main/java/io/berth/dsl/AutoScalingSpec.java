package io.berth.dsl;

import io.berth.model.ModelPaths;
import io.berth.model.ScalingMetric;
import io.berth.model.ScheduledAction;
import io.berth.model.ServiceScaling;
import io.berth.model.StepScalingPolicy;
import io.berth.model.TargetTrackingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Service auto scaling: the range of the desired count and the policies that move it.
 *
 * <pre>{@code
 * .autoScaling(a -> a.min(2).max(10).targetCpu(60).scheduled("night", "cron(0 22 * * ? *)", 1, 2))
 * }</pre>
 */
public final class AutoScalingSpec {
  /** ECS's default cooldown, out and in, in seconds. */
  public static final int DEFAULT_COOLDOWN = 300;

  private final String path;
  private final CallSites sites;
  private int min = 1;
  private int max = 1;
  private final List<TargetTrackingPolicy> targetTracking = new ArrayList<>();
  private final List<StepScalingPolicy> stepScaling = new ArrayList<>();
  private final List<ScheduledAction> scheduled = new ArrayList<>();

  AutoScalingSpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** The lowest desired count scaling may set. */
  public AutoScalingSpec min(int capacity) {
    sites.record(ModelPaths.member(path, "minCapacity"));
    min = capacity;
    return this;
  }

  /** The highest desired count scaling may set. */
  public AutoScalingSpec max(int capacity) {
    sites.record(ModelPaths.member(path, "maxCapacity"));
    max = capacity;
    return this;
  }

  /** Keeps average CPU utilisation of the service near {@code percent} (policy {@code cpu}). */
  public AutoScalingSpec targetCpu(double percent) {
    return target("cpu", ScalingMetric.ECSSERVICEAVERAGECPUUTILIZATION, percent, DEFAULT_COOLDOWN, DEFAULT_COOLDOWN, false);
  }

  /** Keeps average memory utilisation of the service near {@code percent} (policy {@code memory}). */
  public AutoScalingSpec targetMemory(double percent) {
    return target("memory", ScalingMetric.ECSSERVICEAVERAGEMEMORYUTILIZATION, percent, DEFAULT_COOLDOWN, DEFAULT_COOLDOWN, false);
  }

  /** Keeps requests per target near {@code requests} (policy {@code requests}; needs a load balancer). */
  public AutoScalingSpec targetRequestsPerTarget(double requests) {
    return target("requests", ScalingMetric.ALBREQUESTCOUNTPERTARGET, requests, DEFAULT_COOLDOWN, DEFAULT_COOLDOWN, false);
  }

  /** A target tracking policy with every knob. */
  public AutoScalingSpec target(String policyName, ScalingMetric metric, double targetValue,
      int scaleOutCooldown, int scaleInCooldown, boolean disableScaleIn) {
    Objects.requireNonNull(policyName, "policyName == null");
    sites.record(ModelPaths.element(path, "targetTracking", policyName));
    targetTracking.add(new TargetTrackingPolicy(policyName, Objects.requireNonNull(metric, "metric == null"),
        targetValue, scaleOutCooldown, scaleInCooldown, disableScaleIn));
    return this;
  }

  /** A step scaling policy: {@code s -> s.metric(...).above(80).step(0, 10, 1).step(10, null, 3)}. */
  public AutoScalingSpec step(String policyName, Consumer<StepScalingSpec> configure) {
    Objects.requireNonNull(policyName, "policyName == null");
    sites.record(ModelPaths.element(path, "stepScaling", policyName));
    StepScalingSpec spec = new StepScalingSpec(ModelPaths.element(path, "stepScaling", policyName), sites);
    Objects.requireNonNull(configure, "configure == null").accept(spec);
    stepScaling.add(spec.build(policyName));
    return this;
  }

  /**
   * Sets min and max capacity on a schedule: {@code at(2026-01-01T00:00:00)}, {@code rate(5 minutes)}
   * or {@code cron(Min Hour DoM Month DoW Year)}, in UTC.
   */
  public AutoScalingSpec scheduled(String name, String schedule, int minCapacity, int maxCapacity) {
    return scheduled(name, schedule, Optional.empty(), Optional.of(minCapacity), Optional.of(maxCapacity));
  }

  /** A scheduled action in {@code timezone} (an IANA name such as {@code Europe/Paris}). */
  public AutoScalingSpec scheduled(String name, String schedule, String timezone, int minCapacity, int maxCapacity) {
    return scheduled(name, schedule, Optional.of(Objects.requireNonNull(timezone, "timezone == null")),
        Optional.of(minCapacity), Optional.of(maxCapacity));
  }

  private AutoScalingSpec scheduled(String name, String schedule, Optional<String> timezone,
      Optional<Integer> minCapacity, Optional<Integer> maxCapacity) {
    Objects.requireNonNull(name, "scheduled action name == null");
    sites.record(ModelPaths.element(path, "scheduledAction", name));
    scheduled.add(new ScheduledAction(name, Objects.requireNonNull(schedule, "schedule == null"), timezone,
        minCapacity, maxCapacity));
    return this;
  }

  int min() {
    return min;
  }

  ServiceScaling build(String cluster, String service) {
    return new ServiceScaling(cluster, service, min, max, targetTracking, stepScaling, scheduled);
  }
}
