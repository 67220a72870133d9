package io.berth.engine.state;

import io.berth.model.Cluster;
import io.berth.model.DesiredState;
import io.berth.model.ExternalReference;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.plans.DeclaredState;
import io.berth.plans.LiveState;
import io.berth.plans.ObservedService;
import io.berth.plans.ResourceAddress;
import io.berth.plans.ResourceKind;
import io.berth.plans.StackLinks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a plan of one stack reads, and so what makes its apply conflict with another (see the
 * concurrency rule in {@code docs/state-repository.md}). On layout 2: the layout version, the
 * stack's own directory, the owner file of each name it would newly take, the document of each
 * cluster or role of another stack it uses, and the users of each cluster or role it would delete.
 * A layout 1 state holds a single stack and is read whole.
 */
final class StackReads {
  private StackReads() {}

  /** The live state {@code desired} is planned against at {@code view}'s commit. */
  static LiveState live(StateView view, DesiredState desired, List<ObservedService> observed) {
    String stack = desired.stack();
    Map<String, String> reads = new TreeMap<>();
    boolean whole = view.version() == StateLayout.ONE_STACK;
    if (whole) {
      reads.put(StateReads.WHOLE, view.tree().name());
    } else {
      reads.put(StateLayout.VERSION_FILE, view.idAt(StateLayout.VERSION_FILE).name());
      String dir = StackNames.stackDir(stack);
      reads.put(dir, view.idAt(dir).name());
    }
    StateLayout.Decoded own = view.decode(stack);
    DeclaredState declared = own.state();
    Set<ResourceAddress> ownedAtBase = new HashSet<>(StackNames.owned(view.files(stack).keySet(),
        declared.taskDefinitions().stream().map(r -> r.family()).toList()).keySet());
    Map<ResourceAddress, String> owners = new TreeMap<>();
    for (ResourceAddress name : names(desired)) {
      if (ownedAtBase.contains(name)) {
        continue;
      }
      view.owner(name).ifPresent(owner -> owners.put(name, owner));
      if (!whole) {
        String path = StackNames.ownerPath(name);
        reads.put(path, view.idAt(path).name());
      }
    }
    List<Cluster> clusters = new ArrayList<>();
    Set<String> declaresClusters = new HashSet<>(desired.clusters().stream().map(Cluster::name).toList());
    Set<String> declaresRoles = new HashSet<>(desired.roles().stream().map(Role::name).toList());
    for (ExternalReference reference : desired.references()) {
      boolean berth = reference.kind() == ExternalReference.Kind.CLUSTER
          || reference.arn().map(arn -> arn.startsWith(Role.ARN_PREFIX)).orElse(true);
      boolean here = (reference.kind() == ExternalReference.Kind.CLUSTER ? declaresClusters : declaresRoles)
          .contains(reference.name());
      if (!berth || here) {
        continue;
      }
      ResourceAddress name = StackNames.address(reference.kind(), reference.name());
      Optional<String> owner = view.owner(name).filter(o -> !o.equals(stack));
      if (owner.isEmpty()) {
        if (!whole) {
          reads.put(StackNames.ownerPath(name), view.idAt(StackNames.ownerPath(name)).name());
        }
        continue;
      }
      owners.put(name, owner.get());
      String document = view.dir(owner.get()) + (reference.kind() == ExternalReference.Kind.CLUSTER
          ? StateLayout.clusterPath(reference.name()) : StateLayout.rolePath(reference.name()));
      if (!whole) {
        reads.put(document, view.idAt(document).name());
      }
      if (reference.kind() == ExternalReference.Kind.CLUSTER) {
        view.read(document).ifPresent(bytes -> clusters.add(StateLayout.parse(bytes, Cluster.class, document,
            "this state")));
      }
    }
    Map<ResourceAddress, List<String>> users = new TreeMap<>();
    for (Cluster cluster : declared.clusters()) {
      if (!declaresClusters.contains(cluster.name())) {
        used(view, stack, ExternalReference.Kind.CLUSTER, cluster.name(), users, reads, whole);
      }
    }
    for (Role role : declared.roles()) {
      if (!declaresRoles.contains(role.name())) {
        used(view, stack, ExternalReference.Kind.ROLE, role.name(), users, reads, whole);
      }
    }
    Set<String> services = new HashSet<>();
    declared.services().forEach(s -> services.add(DeclaredState.key(s)));
    desired.services().forEach(s -> services.add(DeclaredState.key(s)));
    List<ObservedService> mine = observed.stream().filter(o -> services.contains(o.key())).toList();
    return new LiveState(Optional.of(view.commit().name()), declared, own.latestRevisions(), mine, reads,
        new StackLinks(owners, users, clusters));
  }

  private static void used(StateView view, String stack, ExternalReference.Kind kind, String name,
      Map<ResourceAddress, List<String>> users, Map<String, String> reads, boolean whole) {
    List<String> others = view.users(kind, name).stream().filter(s -> !s.equals(stack)).toList();
    if (!others.isEmpty()) {
      users.put(StackNames.address(kind, name), others);
    }
    if (!whole) {
      String dir = StackNames.usesDir(kind, name);
      reads.put(dir, view.idAt(dir).name());
    }
  }

  /** The names {@code desired} declares: roles, clusters, task definition families and services. */
  static List<ResourceAddress> names(DesiredState desired) {
    List<ResourceAddress> names = new ArrayList<>();
    desired.roles().forEach(r -> names.add(new ResourceAddress(ResourceKind.ROLE, r.name())));
    desired.clusters().forEach(c -> names.add(new ResourceAddress(ResourceKind.CLUSTER, c.name())));
    desired.taskDefinitions().forEach(t -> names.add(new ResourceAddress(ResourceKind.TASK_DEFINITION, t.family())));
    for (Service s : desired.services()) {
      names.add(new ResourceAddress(ResourceKind.SERVICE, s.cluster() + "/" + s.serviceName()));
    }
    return names;
  }
}
