package io.berth.plans.diff;

import io.berth.model.SchedulingStrategy;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.plans.DeclaredState;
import io.berth.plans.FieldChange;
import io.berth.plans.ObservedService;
import io.berth.plans.OutsideChange;
import io.berth.plans.ResourceAddress;
import io.berth.plans.ResourceChange;
import io.berth.plans.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The diff of services: each is pointed at the revision of its family the plan makes active, compared
 * with what runs now (the last apply, with the desired count the control plane reports), replaced
 * when an attribute ECS cannot change in place differs, and left alone on the count when
 * autoscaling owns it.
 */
final class ServiceDiff {
  private final Map<String, String> activeRevisions;
  private final Map<String, ServiceScaling> desiredScaling;
  private final Map<String, ObservedService> observed;
  private final List<String> problems;
  final List<OutsideChange> outside = new ArrayList<>();
  final List<Service> target = new ArrayList<>();

  ServiceDiff(Map<String, String> activeRevisions, List<ServiceScaling> desiredScaling,
      List<ObservedService> observed, List<String> problems) {
    this.activeRevisions = activeRevisions;
    this.desiredScaling = SimpleDiff.index(desiredScaling, DeclaredState::key);
    this.observed = SimpleDiff.index(observed, ObservedService::key);
    this.problems = problems;
  }

  List<ResourceChange> diff(List<Service> desired, List<Service> live) {
    Map<String, Service> want = SimpleDiff.index(desired, DeclaredState::key);
    Map<String, Service> have = SimpleDiff.index(live, DeclaredState::key);
    TreeSet<String> keys = new TreeSet<>(want.keySet());
    keys.addAll(have.keySet());
    List<ResourceChange> changes = new ArrayList<>();
    for (String key : keys) {
      ResourceAddress address = new ResourceAddress(ResourceKind.SERVICE, key);
      Service before = have.get(key);
      Optional<ObservedService> seen = Optional.ofNullable(observed.get(key));
      Optional<Service> liveView = Optional.ofNullable(before).map(b -> liveView(address, b, seen));
      if (!want.containsKey(key)) {
        changes.add(new ResourceChange.Delete(address, JsonFields.all(JsonFields.tree(liveView.get()), false),
            List.of("stops the service's tasks")));
        continue;
      }
      List<String> notes = new ArrayList<>();
      Optional<Service> after = resolve(want.get(key), liveView, notes);
      if (after.isEmpty()) {
        continue;
      }
      target.add(after.get());
      if (liveView.isEmpty()) {
        notes.addAll(ListenerNotes.of(after.get()));
        notes.addAll(DiscoveryNotes.of(after.get()));
        changes.add(new ResourceChange.Create(address, JsonFields.all(JsonFields.tree(after.get()), true), notes));
        continue;
      }
      Service was = liveView.get();
      List<FieldChange> fields = JsonFields.diff(JsonFields.tree(was), JsonFields.tree(after.get()));
      List<String> forcedBy = new ArrayList<>();
      if (!was.launchType().equals(after.get().launchType())) {
        forcedBy.add("launchType");
      }
      if (was.schedulingStrategy() != after.get().schedulingStrategy()) {
        forcedBy.add("schedulingStrategy");
      }
      if (!was.taskDefinition().equals(after.get().taskDefinition())) {
        notes.add("rolling deployment from " + was.taskDefinition() + " to " + after.get().taskDefinition());
      }
      if (!was.desiredCount().equals(after.get().desiredCount()) && !was.desiredCount().equals(before.desiredCount())) {
        notes.add("desiredCount was changed outside Berth to " + show(was.desiredCount()) + "; this plan sets it to "
            + show(after.get().desiredCount()));
      }
      if (!fields.isEmpty() || !forcedBy.isEmpty()) {
        notes.addAll(ListenerNotes.of(after.get()));
        notes.addAll(DiscoveryNotes.of(after.get()));
      }
      if (!forcedBy.isEmpty()) {
        changes.add(new ResourceChange.Replace(address, forcedBy, fields, notes));
      } else if (fields.isEmpty()) {
        changes.add(new ResourceChange.NoOp(address, notes));
      } else {
        changes.add(new ResourceChange.Update(address, fields, notes));
      }
    }
    return changes;
  }

  /** The last applied service with the count and revision the control plane reports now. */
  private Service liveView(ResourceAddress address, Service applied, Optional<ObservedService> seen) {
    if (seen.isEmpty()) {
      return applied;
    }
    // a daemon has no declared count (one task per instance), so an observed one is not a change
    Optional<Integer> count = applied.desiredCount().isEmpty() || applied.schedulingStrategy() == SchedulingStrategy.DAEMON
        ? applied.desiredCount() : seen.get().desiredCount().or(applied::desiredCount);
    boolean scaled = desiredScaling.containsKey(DeclaredState.key(applied));
    if (!count.equals(applied.desiredCount()) && applied.desiredCount().isPresent()) {
      outside.add(new OutsideChange(address, "desiredCount", show(applied.desiredCount()), show(count),
          scaled ? "changed by autoscaling, which owns this count; the plan keeps it"
              : "changed outside Berth; the plan sets it back to the declared count"));
    }
    seen.get().taskDefinition().filter(td -> !td.equals(applied.taskDefinition())).ifPresent(td ->
        outside.add(new OutsideChange(address, "taskDefinition", applied.taskDefinition(), td,
            "the control plane runs another revision (a deployment in progress or a manual change)")));
    return with(applied, applied.taskDefinition(), count);
  }

  /** The desired service as it will be declared: revision resolved, count left to autoscaling. */
  private Optional<Service> resolve(Service desired, Optional<Service> live, List<String> notes) {
    String reference = desired.taskDefinition();
    String arn = reference.contains(":") ? reference : activeRevisions.get(reference);
    if (arn == null) {
      problems.add("service " + DeclaredState.key(desired) + " uses task definition family '" + reference
          + "', which the stack does not declare; declare it or fix the service's taskDefinition");
      return Optional.empty();
    }
    Optional<Integer> count = desired.desiredCount();
    ServiceScaling scaling = desiredScaling.get(DeclaredState.key(desired));
    if (scaling != null) {
      Optional<Integer> kept = live.isPresent() ? live.get().desiredCount()
          : Optional.of(clamp(count.orElse(scaling.minCapacity()), scaling.minCapacity(), scaling.maxCapacity()));
      if (!kept.equals(count)) {
        notes.add("desiredCount is owned by autoscaling (min " + scaling.minCapacity() + ", max "
            + scaling.maxCapacity() + "): kept at " + show(kept) + ", not reset to the declared " + show(count));
      }
      count = kept;
    }
    return Optional.of(with(desired, arn, count));
  }

  static Service with(Service s, String taskDefinition, Optional<Integer> desiredCount) {
    return new Service(s.serviceName(), s.cluster(), taskDefinition, s.launchType(), s.schedulingStrategy(),
        desiredCount, s.placementStrategy(), s.placementConstraints(), s.deploymentConfiguration(),
        s.healthCheckGracePeriodSeconds(), s.loadBalancers(), s.serviceRegistries());
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }

  private static String show(Optional<Integer> count) {
    return count.map(String::valueOf).orElse("(none)");
  }
}
