package io.berth.plans.diff;

import io.berth.model.Cluster;
import io.berth.model.DesiredState;
import io.berth.model.ExternalReference;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import io.berth.plans.DeclaredState;
import io.berth.plans.DryRun;
import io.berth.plans.LiveState;
import io.berth.plans.Plan;
import io.berth.plans.ResourceChange;
import io.berth.plans.ResourceKind;
import io.berth.plans.StackLinks;
import io.berth.plans.Summary;
import io.berth.plans.TaskDefinitionRevision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Makes a plan: compares the desired state of a stack with the live state and lists, per resource,
 * what an apply would do, in dependency order (roles, clusters, task definitions, services,
 * scaling) with deletes last and in reverse. Pure: the plan id and digest come from the inputs, so
 * planning twice gives the same bytes.
 *
 * <pre>{@code
 * Plan plan = StateDiff.plan(desired, state.live(desired.stack()), "0.1.0");
 * }</pre>
 */
public final class StateDiff {
  private StateDiff() {}

  /**
   * The plan taking {@code live} to {@code desired}; the scheduler dry-run is left {@code skipped}
   * for the caller to fill in.
   *
   * @throws PlanException listing every reason the desired state cannot be planned
   */
  public static Plan plan(DesiredState desired, LiveState live, String toolVersion) {
    List<String> problems = new ArrayList<>(PlainTextSecrets.find(desired.taskDefinitions()));
    DeclaredState declared = live.declared();
    problems.addAll(References.problems(desired, declared, live.links()));
    List<ResourceChange> changes = new ArrayList<>();
    changes.addAll(SimpleDiff.diff(ResourceKind.ROLE, desired.roles(), declared.roles(), Role::name));
    changes.addAll(SimpleDiff.diff(ResourceKind.CLUSTER, desired.clusters(), declared.clusters(),
        Cluster::name));
    List<TaskDefinitionRevision> revisions = new ArrayList<>();
    changes.addAll(TaskDefinitionDiff.diff(desired.taskDefinitions(), live, revisions));
    Map<String, String> active = new TreeMap<>();
    revisions.forEach(r -> active.put(r.family(), r.arn()));
    ServiceDiff services = new ServiceDiff(active, desired.scaling(), live.observed(), problems);
    changes.addAll(services.diff(desired.services(), declared.services()));
    changes.addAll(SimpleDiff.diff(ResourceKind.SCALING, desired.scaling(), declared.scaling(),
        DeclaredState::key));
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    DeclaredState target = new DeclaredState(desired.stack(), desired.roles(), desired.clusters(), revisions,
        services.target, desired.scaling(), References.berthReferences(desired));
    List<ResourceChange> ordered = order(withOrigins(changes, References.foreign(desired, live.links()), live.links()));
    String desiredDigest = Digests.ofJson(desired);
    String planId = "plan-" + Digests.sha256(live.commit().orElse("none") + "\n" + desiredDigest + "\n"
        + Digests.ofJson(live.observed()) + "\n" + toolVersion).substring("sha256:".length(), "sha256:".length() + 12);
    return new Plan(Plan.FORMAT_VERSION, planId, toolVersion, desired.stack(), live.commit(), live.reads(),
        desiredDigest, Optional.empty(), Optional.empty(), Summary.of(ordered), ordered, services.outside,
        DryRun.skipped("no scheduler was asked"), target);
  }

  /** The desired state that declares what {@code declared} holds: for a plan back to an earlier state. */
  public static DesiredState desiredFrom(DeclaredState declared) {
    List<TaskDefinition> definitions = declared.taskDefinitions().stream()
        .map(TaskDefinitionRevision::definition).toList();
    Map<String, String> families = new TreeMap<>();
    declared.taskDefinitions().forEach(r -> families.put(r.arn(), r.family()));
    List<Service> services = declared.services().stream()
        .map(s -> ServiceDiff.with(s, families.getOrDefault(s.taskDefinition(), s.taskDefinition()), s.desiredCount()))
        .toList();
    return new DesiredState(DesiredState.API_VERSION, declared.stack(), declared.clusters(), declared.roles(),
        definitions, services, declared.scaling(), declared.references());
  }

  /** The changes, a service on a cluster of another stack noting where that cluster comes from. */
  private static List<ResourceChange> withOrigins(List<ResourceChange> changes, List<ExternalReference> foreign,
      StackLinks links) {
    Map<String, String> clusters = new TreeMap<>();
    foreign.stream().filter(r -> r.kind() == ExternalReference.Kind.CLUSTER)
        .forEach(r -> clusters.put(r.name(), References.origin(r, links)));
    List<ResourceChange> noted = new ArrayList<>();
    for (ResourceChange change : changes) {
      String id = change.address().id();
      String origin = change.address().type() == ResourceKind.SERVICE && id.indexOf('/') > 0
          ? clusters.get(id.substring(0, id.indexOf('/'))) : null;
      if (origin == null) {
        noted.add(change);
        continue;
      }
      List<String> notes = new ArrayList<>(change.notes());
      notes.add(origin);
      if (change instanceof ResourceChange.Create c) {
        noted.add(new ResourceChange.Create(c.address(), c.fields(), notes));
      } else if (change instanceof ResourceChange.Update u) {
        noted.add(new ResourceChange.Update(u.address(), u.fields(), notes));
      } else if (change instanceof ResourceChange.Replace r) {
        noted.add(new ResourceChange.Replace(r.address(), r.forcedBy(), r.fields(), notes));
      } else {
        noted.add(change);
      }
    }
    return noted;
  }

  /** Creates, updates and no-ops in dependency order, then deletes in reverse dependency order. */
  static List<ResourceChange> order(List<ResourceChange> changes) {
    Comparator<ResourceChange> forward = Comparator.comparing(ResourceChange::address);
    Comparator<ResourceChange> reverse = Comparator.comparing((ResourceChange c) -> c.address().type()).reversed()
        .thenComparing(c -> c.address().id());
    List<ResourceChange> ordered = new ArrayList<>(changes.stream()
        .filter(c -> !(c instanceof ResourceChange.Delete)).sorted(forward).toList());
    ordered.addAll(changes.stream().filter(c -> c instanceof ResourceChange.Delete).sorted(reverse).toList());
    return ordered;
  }
}
