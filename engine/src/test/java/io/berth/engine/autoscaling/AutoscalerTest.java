package io.berth.engine.autoscaling;

import static io.berth.engine.autoscaling.Scalings.CPU;
import static io.berth.engine.autoscaling.Scalings.MEMORY;
import static io.berth.engine.autoscaling.Scalings.T0;
import static io.berth.engine.autoscaling.Scalings.action;
import static io.berth.engine.autoscaling.Scalings.between;
import static io.berth.engine.autoscaling.Scalings.cpu;
import static io.berth.engine.autoscaling.Scalings.cpuTarget;
import static io.berth.engine.autoscaling.Scalings.evaluatedAt;
import static io.berth.engine.autoscaling.Scalings.noScaleIn;
import static io.berth.engine.autoscaling.Scalings.scaledInAt;
import static io.berth.engine.autoscaling.Scalings.scaledOutAt;
import static io.berth.engine.autoscaling.Scalings.scaling;
import static io.berth.engine.autoscaling.Scalings.step;
import static io.berth.engine.autoscaling.Scalings.target;
import static io.berth.engine.autoscaling.Scalings.targets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.berth.model.AdjustmentType;
import io.berth.model.ComparisonOperator;
import io.berth.model.ScheduledAction;
import io.berth.model.ServiceScaling;
import io.berth.model.StepScalingPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The autoscaler's rules, one table row per rule: (scaling, current count, metrics, state, now) to a count. */
class AutoscalerTest {
  private static final Instant LATER = T0.plusSeconds(3600);

  static Stream<Arguments> targetTracking() {
    ServiceScaling cpu60 = targets(1, 10, cpuTarget(60));
    return Stream.of(
        arguments("above target scales out to ceil(current * metric / target)", cpu60, 3, cpu(93), AutoscalerState.INITIAL, T0, 5),
        arguments("exactly on target holds", cpu60, 3, cpu(60), AutoscalerState.INITIAL, T0, 3),
        arguments("below target but inside the 10% band holds", cpu60, 4, cpu(55), AutoscalerState.INITIAL, T0, 4),
        arguments("below the band scales in", cpu60, 4, cpu(30), AutoscalerState.INITIAL, T0, 2),
        arguments("scale-out waits out the scale-out cooldown", cpu60, 3, cpu(93), scaledOutAt(T0.minusSeconds(299)), T0, 3),
        arguments("scale-out resumes after the cooldown", cpu60, 3, cpu(93), scaledOutAt(T0.minusSeconds(300)), T0, 5),
        arguments("scale-in waits out the scale-in cooldown after a scale-in", cpu60, 4, cpu(30), scaledInAt(T0.minusSeconds(100)), T0, 4),
        arguments("scale-in waits out the scale-in cooldown after a scale-out", cpu60, 4, cpu(30), scaledOutAt(T0.minusSeconds(100)), T0, 4),
        arguments("scale-out is not held by a scale-in cooldown", cpu60, 3, cpu(93), scaledInAt(T0.minusSeconds(10)), T0, 5),
        arguments("disableScaleIn never scales in", targets(1, 10, noScaleIn(cpuTarget(60))), 4, cpu(10), AutoscalerState.INITIAL, T0, 4),
        arguments("disableScaleIn still scales out", targets(1, 10, noScaleIn(cpuTarget(60))), 2, cpu(90), AutoscalerState.INITIAL, T0, 3),
        arguments("no metric data changes nothing", cpu60, 3, ServiceMetrics.NONE, AutoscalerState.INITIAL, T0, 3),
        arguments("scale-out is capped at max capacity", cpu60, 8, cpu(100), AutoscalerState.INITIAL, T0, 10),
        arguments("scale-in stops at min capacity", targets(2, 10, cpuTarget(60)), 4, cpu(1), AutoscalerState.INITIAL, T0, 2));
  }

  static Stream<Arguments> severalPolicies() {
    ServiceScaling both = targets(1, 10, cpuTarget(60), target("memory", MEMORY, 50));
    return Stream.of(
        arguments("one policy saying out is enough", both, 4, ServiceMetrics.of(90, 10), 6),
        arguments("the larger of two scale-outs wins", both, 4, ServiceMetrics.of(90, 100), 8),
        arguments("scale in only when all agree", both, 4, ServiceMetrics.of(30, 50), 4),
        arguments("when all agree, the mildest scale-in wins", both, 4, ServiceMetrics.of(30, 25), 2),
        arguments("a policy without data holds scale-in", both, 4, cpu(15), 4),
        arguments("a disableScaleIn policy does not block the others' scale-in",
            targets(1, 10, cpuTarget(60), noScaleIn(target("memory", MEMORY, 50))), 4, ServiceMetrics.of(30, 10), 2));
  }

  static Stream<Arguments> stepScaling() {
    Optional<Integer> none = Optional.empty();
    StepScalingPolicy change = step(ComparisonOperator.GREATERTHANOREQUALTOTHRESHOLD, 70, AdjustmentType.CHANGEINCAPACITY,
        none, 60, between(0.0, 10.0, 1), between(10.0, 20.0, 2), between(20.0, null, 4));
    StepScalingPolicy percent = step(ComparisonOperator.GREATERTHANOREQUALTOTHRESHOLD, 70,
        AdjustmentType.PERCENTCHANGEINCAPACITY, none, 60, between(0.0, null, 50));
    StepScalingPolicy percentIn = step(ComparisonOperator.LESSTHANTHRESHOLD, 20, AdjustmentType.PERCENTCHANGEINCAPACITY,
        none, 60, between(null, 0.0, -30));
    StepScalingPolicy smallPercent = step(ComparisonOperator.GREATERTHANOREQUALTOTHRESHOLD, 70,
        AdjustmentType.PERCENTCHANGEINCAPACITY, none, 60, between(0.0, null, 10));
    StepScalingPolicy magnitude = step(ComparisonOperator.GREATERTHANOREQUALTOTHRESHOLD, 70,
        AdjustmentType.PERCENTCHANGEINCAPACITY, Optional.of(3), 60, between(0.0, null, 10));
    StepScalingPolicy exact = step(ComparisonOperator.LESSTHANOREQUALTOTHRESHOLD, 10, AdjustmentType.EXACTCAPACITY,
        none, 60, between(null, 0.0, 2));
    return Stream.of(
        arguments("below the threshold the alarm does not fire", change, 4, cpu(69), AutoscalerState.INITIAL, 4),
        arguments("the lower bound is inclusive above the threshold", change, 4, cpu(70), AutoscalerState.INITIAL, 5),
        arguments("the upper bound is exclusive above the threshold", change, 4, cpu(80), AutoscalerState.INITIAL, 6),
        arguments("an open upper bound takes everything above", change, 4, cpu(99), AutoscalerState.INITIAL, 8),
        arguments("percent change rounds toward zero", percent, 5, cpu(90), AutoscalerState.INITIAL, 7),
        arguments("percent scale-in rounds toward zero", percentIn, 5, cpu(5), AutoscalerState.INITIAL, 4),
        arguments("percent change moves at least one", smallPercent, 4, cpu(90), AutoscalerState.INITIAL, 5),
        arguments("MinAdjustmentMagnitude raises a small percent change", magnitude, 4, cpu(90), AutoscalerState.INITIAL, 7),
        arguments("exact capacity sets the count", exact, 6, cpu(5), AutoscalerState.INITIAL, 2),
        arguments("the upper bound is inclusive below the threshold", exact, 6, cpu(10), AutoscalerState.INITIAL, 2),
        arguments("cooldown holds a step policy", change, 4, cpu(99), scaledInAt(T0.minusSeconds(30)), 4),
        arguments("after the cooldown the step applies", change, 4, cpu(99), scaledInAt(T0.minusSeconds(60)), 8));
  }

  static Stream<Arguments> scheduled() {
    AutoscalerState evaluated = evaluatedAt(T0);
    return Stream.of(
        arguments("an at() action due since the last evaluation raises min",
            List.of(action("peak", "at(2026-11-23T10:30:00)", 6, null)), evaluated, LATER, 6, 6),
        arguments("an at() action already past does not fire again",
            List.of(action("peak", "at(2026-11-23T09:30:00)", 6, null)), evaluated, LATER, 1, 3),
        arguments("nothing fires on the very first evaluation",
            List.of(action("peak", "at(2026-11-23T10:30:00)", 6, null)), AutoscalerState.INITIAL, LATER, 1, 3),
        arguments("a cron action lowers max and the count follows",
            List.of(action("night", "cron(0 10 * * ? *)", null, 2)), evaluatedAt(T0.minusSeconds(60)), T0, 1, 2),
        arguments("the later of two due actions wins",
            List.of(action("b", "at(2026-11-23T10:40:00)", 1, 1), action("a", "at(2026-11-23T10:20:00)", 5, 5)),
            evaluated, LATER, 1, 1),
        arguments("a rate action fires when a period boundary passes",
            List.of(action("tick", "rate(5 minutes)", 4, null)), evaluatedAt(T0.minusSeconds(10)), T0, 4, 4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void targetTracking(String rule, ServiceScaling scaling, int current, ServiceMetrics metrics, AutoscalerState state,
      Instant now, int expected) {
    assertThat(Autoscaler.decide(scaling, current, metrics, state, now).newDesired()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void severalPolicies(String rule, ServiceScaling scaling, int current, ServiceMetrics metrics, int expected) {
    assertThat(Autoscaler.decide(scaling, current, metrics, AutoscalerState.INITIAL, T0).newDesired()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void stepScaling(String rule, StepScalingPolicy policy, int current, ServiceMetrics metrics, AutoscalerState state,
      int expected) {
    ServiceScaling scaling = scaling(1, 20, List.of(), List.of(policy), List.of());
    assertThat(Autoscaler.decide(scaling, current, metrics, state, T0).newDesired()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void scheduled(String rule, List<ScheduledAction> actions, AutoscalerState state, Instant now,
      int expectedMin, int expectedDesired) {
    ServiceScaling scaling = scaling(1, 10, List.of(), List.of(), actions);
    ScalingDecision decision = Autoscaler.decide(scaling, 3, ServiceMetrics.NONE, state, now);
    assertThat(decision.newDesired()).isEqualTo(expectedDesired);
    assertThat(decision.state().scheduledMinCapacity().orElse(1)).isEqualTo(expectedMin);
  }

  @Test
  void aCountBelowMinIsRaisedEvenWithoutPolicies() {
    ScalingDecision decision = Autoscaler.decide(scaling(2, 5, List.of(), List.of(), List.of()), 0, ServiceMetrics.NONE,
        AutoscalerState.INITIAL, T0);
    assertThat(decision.newDesired()).isEqualTo(2);
    assertThat(decision.event("web")).isEqualTo("(service web) scaled desired count from 0 to 2: raised to min capacity 2");
  }

  @Test
  void scaleOutEventNamesTheMetricAndTarget() {
    ScalingDecision decision = Autoscaler.decide(targets(1, 10, cpuTarget(60)), 3, cpu(93), AutoscalerState.INITIAL, T0);
    assertThat(decision.event("web")).isEqualTo("(service web) scaled desired count from 3 to 5: average CPU 93% above target 60%");
    assertThat(decision.state().lastScaleOut()).contains(T0);
    assertThat(decision.state().lastEvaluated()).contains(T0);
  }

  @Test
  void aCappedScaleOutSaysSo() {
    ScalingDecision decision = Autoscaler.decide(targets(1, 4, cpuTarget(50)), 3, cpu(100), AutoscalerState.INITIAL, T0);
    assertThat(decision.reason()).isEqualTo("average CPU 100% above target 50%; capped at max capacity 4");
  }

  @Test
  void aHeldDecisionKeepsTheCountAndHasNoReason() {
    ScalingDecision decision = Autoscaler.decide(targets(1, 10, cpuTarget(60)), 3, cpu(58), AutoscalerState.INITIAL, T0);
    assertThat(decision.changed()).isFalse();
    assertThat(decision.reason()).isEmpty();
    assertThat(decision.state().lastScaleIn()).isEmpty();
  }

  @Test
  void aScheduledMinAboveTheDeclaredMaxLiftsTheMax() {
    ServiceScaling scaling = scaling(1, 4, List.of(), List.of(), List.of(action("peak", "at(2026-11-23T10:30:00)", 6, null)));
    ScalingDecision decision = Autoscaler.decide(scaling, 3, ServiceMetrics.NONE, evaluatedAt(T0), LATER);
    assertThat(decision.newDesired()).isEqualTo(6);
    assertThat(decision.reason()).isEqualTo("scheduled action peak set min capacity 6; raised to min capacity 6");
  }

  @Test
  void memoryMetricIsReadForMemoryPolicies() {
    ScalingDecision decision = Autoscaler.decide(targets(1, 10, target("memory", MEMORY, 50)), 2,
        ServiceMetrics.of(10, 100), AutoscalerState.INITIAL, T0);
    assertThat(decision.newDesired()).isEqualTo(4);
    assertThat(decision.reason()).isEqualTo("average memory 100% above target 50%");
    assertThat(CPU).isNotEqualTo(MEMORY);
  }
}
