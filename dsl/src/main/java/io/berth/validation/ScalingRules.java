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
import java.util.regex.Pattern;

/** Rules about service auto scaling: capacity range, target tracking, step and scheduled policies. */
final class ScalingRules {
  /** Application Auto Scaling refuses targets beyond 2^360. */
  private static final double MAX_TARGET = Math.pow(2, 360);
  private static final Pattern POLICY_NAME = Pattern.compile("\\p{Print}{1,256}");
  private static final Pattern SCHEDULED_ACTION_NAME = Pattern.compile("[^ :/|\\p{Cntrl}]([^:/|\\p{Cntrl}]{0,254}"
      + "[^ :/|\\p{Cntrl}])?");
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
      String policyPath = ModelPaths.element(path, "targetTracking", policy.policyName());
      checkPolicyName(policy.policyName(), policyPath, findings);
      checkTargetTracking(policy, service, policyPath, findings);
    }
    NameRules.checkUnique("step scaling policy", scaling.stepScaling(), StepScalingPolicy::policyName,
        p -> ModelPaths.element(path, "stepScaling", p.policyName()), findings);
    for (StepScalingPolicy policy : scaling.stepScaling()) {
      String policyPath = ModelPaths.element(path, "stepScaling", policy.policyName());
      checkPolicyName(policy.policyName(), policyPath, findings);
      checkStep(policy, policyPath, findings);
    }
    NameRules.checkUnique("scheduled action", scaling.scheduledActions(), ScheduledAction::name,
        a -> ModelPaths.element(path, "scheduledAction", a.name()), findings);
    for (ScheduledAction action : scaling.scheduledActions()) {
      checkScheduled(action, ModelPaths.element(path, "scheduledAction", action.name()), findings);
    }
  }

  private static void checkTargetTracking(TargetTrackingPolicy policy, Service service, String path, Findings findings) {
    if (!(policy.targetValue() > 0) || policy.targetValue() > MAX_TARGET) {
      findings.add(ViolationCode.TARGET_TRACKING, path, "target value " + policy.targetValue() + " must be positive"
          + " and below 2^360");
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
    checkUnbounded(steps, path, findings);
    if (policy.minAdjustmentMagnitude().filter(m -> m < 1).isPresent()) {
      findings.add(ViolationCode.STEP_SCALING, ModelPaths.member(path, "minAdjustmentMagnitude"), "minAdjustmentMagnitude "
          + policy.minAdjustmentMagnitude().get() + " must be 1 or more");
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

  /** The documented rules for unbounded ends: at most one each way, never both, and one wherever a bound crosses 0. */
  private static void checkUnbounded(List<StepAdjustment> steps, String path, Findings findings) {
    long noLower = steps.stream().filter(s -> s.metricIntervalLowerBound().isEmpty()).count();
    long noUpper = steps.stream().filter(s -> s.metricIntervalUpperBound().isEmpty()).count();
    if (steps.stream().anyMatch(s -> s.metricIntervalLowerBound().isEmpty() && s.metricIntervalUpperBound().isEmpty())) {
      findings.add(ViolationCode.STEP_SCALING, path, "a step has neither a lower nor an upper bound; give it one");
    }
    if (noLower > 1 || noUpper > 1) {
      findings.add(ViolationCode.STEP_SCALING, path, "at most one step may be unbounded below and one above");
    }
    boolean negativeLower = steps.stream().anyMatch(s -> s.metricIntervalLowerBound().filter(b -> b < 0).isPresent());
    boolean positiveUpper = steps.stream().anyMatch(s -> s.metricIntervalUpperBound().filter(b -> b > 0).isPresent());
    if (negativeLower && noLower == 0) {
      findings.add(ViolationCode.STEP_SCALING, path, "a step has a negative lower bound, so one step must be"
          + " unbounded below (null lower bound)");
    }
    if (positiveUpper && noUpper == 0) {
      findings.add(ViolationCode.STEP_SCALING, path, "a step has a positive upper bound, so one step must be"
          + " unbounded above (null upper bound)");
    }
  }

  private static void checkPolicyName(String name, String path, Findings findings) {
    if (!POLICY_NAME.matcher(name).matches()) {
      findings.add(ViolationCode.NAME_PATTERN, path, "scaling policy name '" + name + "' must be 1 to 256 printable"
          + " characters; rename it");
    }
  }

  private static String bound(Optional<Double> bound) {
    return bound.map(String::valueOf).orElse("unbounded");
  }

  private static void checkScheduled(ScheduledAction action, String path, Findings findings) {
    if (!SCHEDULED_ACTION_NAME.matcher(action.name()).matches()) {
      findings.add(ViolationCode.NAME_PATTERN, path, "scheduled action name '" + action.name() + "' must be 1 to 256"
          + " characters without : / | or control characters, and not start or end with a blank; rename it");
    }
    if (action.timezone().isPresent() && action.schedule().startsWith("rate(")) {
      findings.add(ViolationCode.IGNORED_SETTING, ModelPaths.member(path, "timezone"), "a rate(...) schedule ignores"
          + " the timezone (it applies to at and cron); remove it");
    }
    ScheduleSyntax.problem(action.schedule()).ifPresent(problem -> findings.add(ViolationCode.SCHEDULE_SYNTAX,
        ModelPaths.member(path, "schedule"), problem));
    action.timezone().flatMap(ScheduleSyntax::timezoneProblem).ifPresent(problem -> findings.add(
        ViolationCode.SCHEDULE_SYNTAX, ModelPaths.member(path, "timezone"), problem));
    if (action.minCapacity().isEmpty() && action.maxCapacity().isEmpty()) {
      findings.add(ViolationCode.SCALING_RANGE, path, "a scheduled action sets min capacity, max capacity or both");
    }
    if (action.minCapacity().orElse(0) < 0 || action.maxCapacity().orElse(0) < 0
        || (action.minCapacity().isPresent() && action.maxCapacity().isPresent()
        && action.minCapacity().get() > action.maxCapacity().get())) {
      findings.add(ViolationCode.SCALING_RANGE, path, "scheduled min capacity " + action.minCapacity().orElse(0)
          + " and max capacity " + action.maxCapacity().map(String::valueOf).orElse("-") + " need 0 <= min <= max");
    }
  }
}
