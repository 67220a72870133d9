package io.berth.plans.diff;

import io.berth.model.Cluster;
import io.berth.model.DesiredState;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.model.TaskDefinition;
import io.berth.plans.DeclaredState;
import io.berth.plans.Partial;
import io.berth.plans.Plan;
import io.berth.plans.ResourceAddress;
import io.berth.plans.ResourceChange;
import io.berth.plans.ResourceKind;
import io.berth.plans.TaskDefinitionRevision;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Partial plans, as {@code terraform plan -target}: {@code --only service/web} plans that service
 * and what it needs (its task definition and cluster, their roles, its scaling) and leaves the rest
 * of the stack as the last apply left it. Pure, in two steps around the diff: {@link #narrow} makes
 * the desired state the diff compares (the live state with the covered resources taken from the
 * desired one), {@link #restrict} keeps the plan's changes and target to them.
 *
 * <pre>{@code
 * Targeting.Narrowed narrowed = Targeting.narrow(desired, live.declared(), List.of("service/web"));
 * Plan plan = Targeting.restrict(StateDiff.plan(narrowed.desired(), live, version), live.declared(), narrowed);
 * }</pre>
 */
public final class Targeting {
  /** The kinds {@code --only} takes, as written before the slash. */
  static final List<ResourceKind> SELECTABLE = List.of(ResourceKind.SERVICE, ResourceKind.TASK_DEFINITION,
      ResourceKind.ROLE, ResourceKind.CLUSTER);

  private Targeting() {}

  /**
   * The desired state a partial plan compares with the live one, and what it covers.
   *
   * @param desired the live state with the covered resources as the desired state declares them
   * @param partial what was asked for and what it pulled in
   * @param covered both together
   */
  public record Narrowed(DesiredState desired, Partial partial, Set<ResourceAddress> covered) {}

  /**
   * Resolves {@code selectors} ({@code service/NAME} or {@code service/CLUSTER/NAME},
   * {@code task-definition/FAMILY}, {@code role/NAME}, {@code cluster/NAME}) against the desired and
   * the live state, adds what they need that the desired state declares, and builds the desired
   * state to plan.
   *
   * @throws PlanException naming each selector that is malformed or names nothing, with the fix
   */
  public static Narrowed narrow(DesiredState desired, DeclaredState live, List<String> selectors) {
    Index want = Index.of(desired);
    Index have = Index.of(live);
    List<String> problems = new ArrayList<>();
    Set<ResourceAddress> requested = new LinkedHashSet<>();
    for (String selector : selectors) {
      resolve(selector, want, have, problems).ifPresent(requested::add);
    }
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    Set<ResourceAddress> covered = new TreeSet<>(requested);
    Deque<ResourceAddress> todo = new ArrayDeque<>(requested);
    while (!todo.isEmpty()) {
      for (ResourceAddress needed : needs(todo.pop(), want, have)) {
        if (covered.add(needed)) {
          todo.push(needed);
        }
      }
    }
    List<ResourceAddress> dependencies = covered.stream().filter(a -> !requested.contains(a)).toList();
    DesiredState narrowed = new DesiredState(DesiredState.API_VERSION, desired.stack(),
        pick(ResourceKind.CLUSTER, live.clusters(), desired.clusters(), Cluster::name, covered),
        pick(ResourceKind.ROLE, live.roles(), desired.roles(), Role::name, covered),
        pick(ResourceKind.TASK_DEFINITION, live.taskDefinitions().stream().map(TaskDefinitionRevision::definition)
            .toList(), desired.taskDefinitions(), TaskDefinition::family, covered),
        // a service left as it is keeps the revision it runs (family:revision), even when its family gets a new one
        pick(ResourceKind.SERVICE, live.services(), desired.services(), DeclaredState::key, covered),
        pick(ResourceKind.SCALING, live.scaling(), desired.scaling(), DeclaredState::key, covered),
        desired.references());
    return new Narrowed(narrowed, new Partial(List.copyOf(requested), dependencies), covered);
  }

  /**
   * {@code plan} (made from {@link Narrowed#desired}) restricted to what it covers: every other
   * resource is unchanged in the plan and in its target exactly as {@code live} declares it (a
   * count changed outside Berth is shown, not reset). Refused when the covered changes would leave
   * a resource outside them using one they destroy.
   *
   * @throws PlanException naming each such use and the {@code --only} to add
   */
  public static Plan restrict(Plan plan, DeclaredState live, Narrowed narrowed) {
    Set<ResourceAddress> covered = narrowed.covered();
    List<ResourceChange> changes = plan.changes().stream()
        .map(c -> covered.contains(c.address()) ? c : new ResourceChange.NoOp(c.address(), List.of())).toList();
    DeclaredState target = plan.target();
    DeclaredState restricted = new DeclaredState(target.stack(),
        keep(ResourceKind.ROLE, live.roles(), target.roles(), Role::name, covered),
        keep(ResourceKind.CLUSTER, live.clusters(), target.clusters(), Cluster::name, covered),
        keep(ResourceKind.TASK_DEFINITION, live.taskDefinitions(), target.taskDefinitions(),
            TaskDefinitionRevision::family, covered),
        keep(ResourceKind.SERVICE, live.services(), target.services(), DeclaredState::key, covered),
        keep(ResourceKind.SCALING, live.scaling(), target.scaling(), DeclaredState::key, covered));
    List<String> problems = dangling(restricted, Index.of(live), covered);
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    return plan.withPartial(narrowed.partial(), changes, restricted);
  }

  private static Optional<ResourceAddress> resolve(String selector, Index want, Index have, List<String> problems) {
    int slash = selector.indexOf('/');
    String label = slash < 0 ? selector : selector.substring(0, slash);
    String name = slash < 0 ? "" : selector.substring(slash + 1);
    Optional<ResourceKind> kind = SELECTABLE.stream().filter(k -> k.label().equals(label)).findFirst();
    if (kind.isEmpty() || name.isEmpty()) {
      problems.add("--only '" + selector + "' names no resource: write service/NAME (or service/CLUSTER/NAME),"
          + " task-definition/FAMILY, role/NAME or cluster/NAME");
      return Optional.empty();
    }
    Set<String> ids = new TreeSet<>(want.ids(kind.get()));
    ids.addAll(have.ids(kind.get()));
    if (ids.contains(name)) {
      return Optional.of(new ResourceAddress(kind.get(), name));
    }
    if (kind.get() == ResourceKind.SERVICE && !name.contains("/")) {
      List<String> named = ids.stream().filter(id -> id.endsWith("/" + name)).toList();
      if (named.size() == 1) {
        return Optional.of(new ResourceAddress(ResourceKind.SERVICE, named.get(0)));
      }
      if (named.size() > 1) {
        problems.add("--only " + selector + " is a service in several clusters (" + String.join(", ", named)
            + "); name one as service/CLUSTER/" + name);
        return Optional.empty();
      }
    }
    problems.add("--only " + selector + ": the stack declares no " + label + " '" + name + "' and the state holds none; "
        + label + "s: " + (ids.isEmpty() ? "none" : String.join(", ", ids)));
    return Optional.empty();
  }

  /** What planning {@code address} needs planned with it: only what the desired state declares. */
  private static List<ResourceAddress> needs(ResourceAddress address, Index want, Index have) {
    List<ResourceAddress> needed = new ArrayList<>();
    switch (address.type()) {
      case SERVICE -> {
        Service service = want.services.get(address.id());
        if (service != null) {
          String reference = service.taskDefinition();
          needed.add(new ResourceAddress(ResourceKind.TASK_DEFINITION, reference.contains(":")
              ? reference.substring(0, reference.lastIndexOf(':')) : reference));
          needed.add(new ResourceAddress(ResourceKind.CLUSTER, service.cluster()));
        }
        if (want.scaling.containsKey(address.id()) || have.scaling.containsKey(address.id())) {
          needed.add(new ResourceAddress(ResourceKind.SCALING, address.id())); // a service's scaling goes with it
        }
      }
      case TASK_DEFINITION -> {
        TaskDefinition definition = want.taskDefinitions.get(address.id());
        if (definition != null) {
          definition.taskRoleArn().flatMap(Targeting::berthRole).ifPresent(needed::add);
          definition.executionRoleArn().flatMap(Targeting::berthRole).ifPresent(needed::add);
        }
      }
      case CLUSTER -> Optional.ofNullable(want.clusters.get(address.id()))
          .flatMap(Cluster::instanceRoleArn).flatMap(Targeting::berthRole).ifPresent(needed::add);
      default -> { }
    }
    return needed.stream().filter(a -> a.type() == ResourceKind.SCALING || want.ids(a.type()).contains(a.id())).toList();
  }

  private static Optional<ResourceAddress> berthRole(String arn) {
    return arn.startsWith(Role.ARN_PREFIX)
        ? Optional.of(new ResourceAddress(ResourceKind.ROLE, arn.substring(Role.ARN_PREFIX.length())))
        : Optional.empty();
  }

  /** The live resources of a kind, those covered taken from (or removed as in) the desired state. */
  private static <T> List<T> pick(ResourceKind kind, List<T> live, List<T> desired, Function<T, String> id,
      Set<ResourceAddress> covered) {
    Map<String, T> picked = new TreeMap<>();
    live.forEach(r -> picked.put(id.apply(r), r));
    covered.stream().filter(a -> a.type() == kind).forEach(a -> picked.remove(a.id()));
    desired.stream().filter(r -> covered.contains(new ResourceAddress(kind, id.apply(r))))
        .forEach(r -> picked.put(id.apply(r), r));
    return List.copyOf(picked.values());
  }

  /** The target's covered resources of a kind, and the live ones of every other. */
  private static <T> List<T> keep(ResourceKind kind, List<T> live, List<T> target, Function<T, String> id,
      Set<ResourceAddress> covered) {
    Map<String, T> kept = new TreeMap<>();
    live.stream().filter(r -> !covered.contains(new ResourceAddress(kind, id.apply(r))))
        .forEach(r -> kept.put(id.apply(r), r));
    target.stream().filter(r -> covered.contains(new ResourceAddress(kind, id.apply(r))))
        .forEach(r -> kept.put(id.apply(r), r));
    return List.copyOf(kept.values());
  }

  /** Resources the partial plan leaves as they are that use one it destroys. */
  private static List<String> dangling(DeclaredState target, Index live, Set<ResourceAddress> covered) {
    Index after = Index.of(target);
    List<String> problems = new ArrayList<>();
    for (Service service : target.services()) {
      ResourceAddress user = new ResourceAddress(ResourceKind.SERVICE, DeclaredState.key(service));
      String reference = service.taskDefinition();
      String family = reference.contains(":") ? reference.substring(0, reference.lastIndexOf(':')) : reference;
      gone(new ResourceAddress(ResourceKind.TASK_DEFINITION, family), user, after, live, covered, problems);
      gone(new ResourceAddress(ResourceKind.CLUSTER, service.cluster()), user, after, live, covered, problems);
    }
    for (TaskDefinitionRevision revision : target.taskDefinitions()) {
      ResourceAddress user = new ResourceAddress(ResourceKind.TASK_DEFINITION, revision.family());
      for (Optional<String> arn : List.of(revision.definition().taskRoleArn(), revision.definition().executionRoleArn())) {
        arn.flatMap(Targeting::berthRole).ifPresent(role -> gone(role, user, after, live, covered, problems));
      }
    }
    for (Cluster cluster : target.clusters()) {
      cluster.instanceRoleArn().flatMap(Targeting::berthRole).ifPresent(role ->
          gone(role, new ResourceAddress(ResourceKind.CLUSTER, cluster.name()), after, live, covered, problems));
    }
    return problems;
  }

  private static void gone(ResourceAddress used, ResourceAddress user, Index after, Index live,
      Set<ResourceAddress> covered, List<String> problems) {
    boolean destroyed = covered.contains(used) && live.ids(used.type()).contains(used.id())
        && !after.ids(used.type()).contains(used.id());
    if (destroyed && !covered.contains(user)) {
      problems.add("--only destroys " + used + ", which " + user + " still uses and --only leaves as it is; add --only "
          + user.type().label() + "/" + user.id() + " (or plan the whole stack without --only)");
    }
  }

  /** A state's resources by id, per kind. */
  private record Index(Map<String, Role> roles, Map<String, Cluster> clusters, Map<String, TaskDefinition> taskDefinitions,
      Map<String, Service> services, Map<String, ServiceScaling> scaling) {
    static Index of(DesiredState state) {
      return new Index(by(state.roles(), Role::name), by(state.clusters(), Cluster::name),
          by(state.taskDefinitions(), TaskDefinition::family), by(state.services(), DeclaredState::key),
          by(state.scaling(), DeclaredState::key));
    }

    static Index of(DeclaredState state) {
      return new Index(by(state.roles(), Role::name), by(state.clusters(), Cluster::name),
          by(state.taskDefinitions().stream().map(TaskDefinitionRevision::definition).toList(), TaskDefinition::family),
          by(state.services(), DeclaredState::key), by(state.scaling(), DeclaredState::key));
    }

    Set<String> ids(ResourceKind kind) {
      return switch (kind) {
        case ROLE -> roles.keySet();
        case CLUSTER -> clusters.keySet();
        case TASK_DEFINITION -> taskDefinitions.keySet();
        case SERVICE -> services.keySet();
        case SCALING -> scaling.keySet();
      };
    }

    private static <T> Map<String, T> by(List<T> values, Function<T, String> id) {
      return values.stream().collect(Collectors.toMap(id, v -> v, (a, b) -> a, TreeMap::new));
    }
  }
}
