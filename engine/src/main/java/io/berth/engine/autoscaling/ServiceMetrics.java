package io.berth.engine.autoscaling;

import io.berth.model.ScalingMetric;
import java.util.Locale;
import java.util.Optional;

/**
 * A service's metrics for one evaluation: average CPU and memory utilization of its running tasks in
 * percent of what they reserved, and requests per target when a load balancer counts them. Empty when
 * no task reported the metric.
 */
public record ServiceMetrics(Optional<Double> cpuUtilization, Optional<Double> memoryUtilization,
    Optional<Double> requestCountPerTarget) {

  /** No data at all: no policy can act on it. */
  public static final ServiceMetrics NONE = new ServiceMetrics(Optional.empty(), Optional.empty(), Optional.empty());

  /** Both utilizations known, in percent. */
  public static ServiceMetrics of(double cpu, double memory) {
    return new ServiceMetrics(Optional.of(cpu), Optional.of(memory), Optional.empty());
  }

  /** The value a policy on {@code metric} reads. */
  public Optional<Double> value(ScalingMetric metric) {
    return switch (metric) {
      case ECSSERVICEAVERAGECPUUTILIZATION -> cpuUtilization;
      case ECSSERVICEAVERAGEMEMORYUTILIZATION -> memoryUtilization;
      case ALBREQUESTCOUNTPERTARGET -> requestCountPerTarget;
    };
  }

  /** How events name a metric: "average CPU", "average memory", "requests per target". */
  static String label(ScalingMetric metric) {
    return switch (metric) {
      case ECSSERVICEAVERAGECPUUTILIZATION -> "average CPU";
      case ECSSERVICEAVERAGEMEMORYUTILIZATION -> "average memory";
      case ALBREQUESTCOUNTPERTARGET -> "requests per target";
    };
  }

  /** Percent metrics print as "93%", request counts as plain numbers. */
  static String format(ScalingMetric metric, double value) {
    String number = value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    return metric == ScalingMetric.ALBREQUESTCOUNTPERTARGET ? number : number + "%";
  }
}
