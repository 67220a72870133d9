package io.berth.engine.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.model.AdjustmentType;
import io.berth.model.ComparisonOperator;
import io.berth.model.ServiceScaling;
import io.berth.model.StepAdjustment;
import io.berth.model.StepScalingPolicy;
import io.berth.model.TargetTrackingPolicy;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Whatever the metrics, policies and starting count, the decision lies within [min, max]. */
class AutoscalerProperties {

  @Property(tries = 500)
  void decisionIsAlwaysWithinMinAndMax(@ForAll @IntRange(min = 0, max = 20) int min,
      @ForAll @IntRange(min = 0, max = 20) int span, @ForAll @IntRange(min = 0, max = 100) int current,
      @ForAll @DoubleRange(min = 0, max = 500) double cpu, @ForAll @DoubleRange(min = 0, max = 500) double memory,
      @ForAll @DoubleRange(min = 1, max = 100) double target, @ForAll @IntRange(min = -200, max = 200) int adjustment,
      @ForAll AdjustmentType type, @ForAll boolean disableScaleIn) {
    int max = min + span;
    ServiceScaling scaling = new ServiceScaling("default", "web", min, max,
        List.of(new TargetTrackingPolicy("cpu", Scalings.CPU, target, 300, 300, disableScaleIn),
            new TargetTrackingPolicy("memory", Scalings.MEMORY, target, 300, 300, false)),
        List.of(new StepScalingPolicy("steps", Scalings.CPU, ComparisonOperator.GREATERTHANTHRESHOLD, 50.0, type,
            List.of(new StepAdjustment(Optional.of(0.0), Optional.empty(), adjustment)), Optional.of(2), 60)),
        List.of());
    ScalingDecision decision = Autoscaler.decide(scaling, current, ServiceMetrics.of(cpu, memory),
        AutoscalerState.INITIAL, Scalings.T0);
    assertThat(decision.newDesired()).isBetween(min, max);
  }
}
