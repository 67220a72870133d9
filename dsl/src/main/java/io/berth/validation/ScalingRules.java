package io.berth.validation;

import io.berth.model.AdjustmentType;
import io.berth.model.ModelPaths;
import io.berth.model.ScalingMetric;
import io.berth.model.ScheduledAction;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.model.StepAdjustment;
import io.berth.model.StepScalingPolicy;
import io.berth.model.TargetTrackingPolicy;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rules about service auto scaling: capacity range, target tracking, step and scheduled policies. */
final class ScalingRules {
  private ScalingRules() {}

  static void check(ServiceScaling scaling, Map<String, Service> services, Findings findings) {
    String path = ModelPaths.scaling(scaling.service());
    Service service = services.get(scaling.service());
    if (service == null || !service.cluster().equals(scaling.cluster())) {
      findings.add(ViolationCode.SERVICE_REFERENCE, path, "scaling targets service '" + scaling.service()
          + "' on cluster '" + scaling.cluster() + "', which the stack does not declare");
    }
    if (scaling.minCapacity() < 0 || scaling.minCapacity() > scaling.maxCapacity()) {
      findings.add(ViolationCode.SCALING_RANGE, ModelPaths.member(path, "minCapacity"), "min capacity "
          + scaling.minCapacity() + " and max capacity " + scaling.maxCapacity() + " need 0 <= min <= max");
    }
    NameRules.checkUnique("target tracking policy", scaling.targetTracking(), TargetTrackingPolicy::policyName,
        p -> ModelPaths.element(path, "targetTracking", p.policyName()), findings);
    for (TargetTrackingPolicy policy : scaling.targetTracking()) {
      checkTargetTracking(policy, service, ModelPaths.element(path, "targetTracking", policy.policyName()), findings);
    }
    NameRules.checkUnique("step scaling policy", scaling.stepScaling(), StepScalingPolicy::policyName,
        p -> ModelPaths.element(path, "stepScaling", p.policyName()), findings);
    for (StepScalingPolicy policy : scaling.stepScaling()) {
      checkStep(policy, ModelPaths.element(path, "stepScaling", policy.policyName()), findings);
    }
    NameRules.checkUnique("scheduled action", scaling.scheduledActions(), ScheduledAction::name,
        a -> ModelPaths.element(path, "scheduledAction", a.name()), findings);
    for (ScheduledAction action : scaling.scheduledActions()) {
      checkScheduled(action, ModelPaths.element(path, "scheduledAction", action.name()), findings);
    }
  }

  private static void checkTargetTracking(TargetTrackingPolicy policy, Service service, String path, Findings findings) {
    if (policy.targetValue() <= 0) {
      findings.add(ViolationCode.TARGET_TRACKING, path, "target value " + policy.targetValue() + " must be positive");
    }
    if (policy.scaleInCooldown() < 0 || policy.scaleOutCooldown() < 0) {
      findings.add(ViolationCode.TARGET_TRACKING, path, "cooldowns must be 0 s or more");
    }
    if (policy.metric() == ScalingMetric.ALBREQUESTCOUNTPERTARGET && service != null
        && service.loadBalancers().isEmpty()) {
      findings.add(ViolationCode.TARGET_TRACKING, path, "request count per target needs the service behind a load"
          + " balancer; add .loadBalancer(...) or track cpu or memory");
    }
  }

  private static void checkStep(StepScalingPolicy policy, String path, Findings findings) {
    List<StepAdjustment> steps = policy.stepAdjustments().stream()
        .sorted(Comparator.comparingDouble(s -> s.metricIntervalLowerBound().orElse(Double.NEGATIVE_INFINITY)))
        .toList();
    if (steps.isEmpty()) {
      findings.add(ViolationCode.STEP_SCALING, path, "a step scaling policy needs at least one step");
      return;
    }
    for (int i = 0; i < steps.size(); i++) {
      StepAdjustment step = steps.get(i);
      double lower = step.metricIntervalLowerBound().orElse(Double.NEGATIVE_INFINITY);
      double upper = step.metricIntervalUpperBound().orElse(Double.POSITIVE_INFINITY);
      if (lower >= upper) {
        findings.add(ViolationCode.STEP_SCALING, path, "step [" + bound(step.metricIntervalLowerBound()) + ", "
            + bound(step.metricIntervalUpperBound()) + ") is empty; its lower bound must be below its upper bound");
      }
      if (i > 0) {
        double previousUpper = steps.get(i - 1).metricIntervalUpperBound().orElse(Double.POSITIVE_INFINITY);
        if (previousUpper != lower) {
          findings.add(ViolationCode.STEP_SCALING, path, (previousUpper < lower ? "gap" : "overlap")
              + " between steps at " + bound(steps.get(i - 1).metricIntervalUpperBound()) + " and "
              + bound(step.metricIntervalLowerBound()) + "; each step must start where the previous one ends");
        }
      }
      if (policy.adjustmentType() == AdjustmentType.EXACTCAPACITY && step.scalingAdjustment() < 0) {
        findings.add(ViolationCode.STEP_SCALING, path, "ExactCapacity adjustment " + step.scalingAdjustment()
            + " is negative");
      }
    }
    if (policy.minAdjustmentMagnitude().isPresent()
        && policy.adjustmentType() != AdjustmentType.PERCENTCHANGEINCAPACITY) {
      findings.add(ViolationCode.STEP_SCALING, ModelPaths.member(path, "minAdjustmentMagnitude"), "minAdjustmentMagnitude only applies to"
          + " PercentChangeInCapacity; remove it or change the adjustment type");
    }
    if (policy.cooldown() < 0) {
      findings.add(ViolationCode.STEP_SCALING, ModelPaths.member(path, "cooldown"), "cooldown " + policy.cooldown() + " s is negative");
    }
  }

  private static String bound(Optional<Double> bound) {
    return bound.map(String::valueOf).orElse("unbounded");
  }

  private static void checkScheduled(ScheduledAction action, String path, Findings findings) {
    ScheduleSyntax.problem(action.schedule()).ifPresent(problem -> findings.add(ViolationCode.SCHEDULE_SYNTAX,
        ModelPaths.member(path, "schedule"), problem));
    action.timezone().flatMap(ScheduleSyntax::timezoneProblem).ifPresent(problem -> findings.add(
        ViolationCode.SCHEDULE_SYNTAX, ModelPaths.member(path, "timezone"), problem));
    if (action.minCapacity().isEmpty() && action.maxCapacity().isEmpty()) {
      findings.add(ViolationCode.SCALING_RANGE, path, "a scheduled action sets min capacity, max capacity or both");
    }
    if (action.minCapacity().orElse(0) < 0
        || (action.minCapacity().isPresent() && action.maxCapacity().isPresent()
        && action.minCapacity().get() > action.maxCapacity().get())) {
      findings.add(ViolationCode.SCALING_RANGE, path, "scheduled min capacity " + action.minCapacity().orElse(0)
          + " and max capacity " + action.maxCapacity().map(String::valueOf).orElse("-") + " need 0 <= min <= max");
    }
  }
}
