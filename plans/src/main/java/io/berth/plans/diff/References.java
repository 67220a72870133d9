package io.berth.plans.diff;

import io.berth.model.Cluster;
import io.berth.model.DesiredState;
import io.berth.model.ExternalReference;
import io.berth.model.Role;
import io.berth.model.TaskDefinition;
import io.berth.plans.DeclaredState;
import io.berth.plans.ResourceAddress;
import io.berth.plans.ResourceKind;
import io.berth.plans.StackLinks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the plan does with things a stack uses but does not declare ({@code infra.existingRole},
 * {@code infra.existingCluster}) and with the names other stacks own: a Berth role or cluster must be
 * declared by a stack of the state being planned, or the plan is refused naming it; a name another
 * stack owns is refused naming the owner; a cluster or role other stacks use cannot be deleted. An
 * IAM role named by its ARN is recorded as written and shown as external, since Berth does not
 * enforce IAM roles. A Berth task role is shown as not enforced yet.
 */
final class References {
  private References() {}

  /**
   * Why {@code desired} cannot be planned against the other stacks of its state ({@code links}):
   * a reference nobody declares, a name another stack owns, and a cluster or role the stack stops
   * declaring ({@code declared} has it, {@code desired} not) while other stacks still use it.
   */
  static List<String> problems(DesiredState desired, DeclaredState declared, StackLinks links) {
    Set<String> roles = desired.roles().stream().map(Role::name).collect(Collectors.toSet());
    Set<String> clusters = desired.clusters().stream().map(Cluster::name).collect(Collectors.toSet());
    List<String> problems = new ArrayList<>();
    for (ExternalReference reference : berthReferences(desired)) {
      boolean declaredHere = reference.kind() == ExternalReference.Kind.ROLE ? roles.contains(reference.name())
          : clusters.contains(reference.name());
      if (!declaredHere && !links.owners().containsKey(address(reference))) {
        String call = reference.kind() == ExternalReference.Kind.ROLE ? "existingRole(\"" + reference.written()
            : "existingCluster(\"" + reference.name();
        String declare = reference.kind() == ExternalReference.Kind.ROLE ? "role" : "cluster";
        problems.add("existing " + declare + " '" + reference.name() + "' (infra." + call + "\")) is not declared"
            + " by any stack of the state being planned: apply the stack that declares it first, or declare it"
            + " in this stack with infra." + declare + "(\"" + reference.name() + "\")");
      }
    }
    for (ResourceAddress name : declaredNames(desired)) {
      String owner = links.owners().get(name);
      if (owner != null && !owner.equals(desired.stack())) {
        String use = switch (name.type()) {
          case CLUSTER -> "use it with infra.existingCluster(\"" + name.id() + "\")";
          case ROLE -> "use it with infra.existingRole(\"" + name.id() + "\")";
          default -> "give this stack's one another name";
        };
        problems.add(name + " belongs to stack '" + owner + "', and a name has one owner: " + use
            + ", or remove it from stack '" + owner + "' first (berth never moves a resource between stacks)");
      }
    }
    List<ResourceAddress> dropped = new ArrayList<>();
    declared.clusters().stream().filter(c -> !clusters.contains(c.name()))
        .forEach(c -> dropped.add(new ResourceAddress(ResourceKind.CLUSTER, c.name())));
    declared.roles().stream().filter(r -> !roles.contains(r.name()))
        .forEach(r -> dropped.add(new ResourceAddress(ResourceKind.ROLE, r.name())));
    for (ResourceAddress name : dropped) {
      List<String> users = links.users().getOrDefault(name, List.of());
      if (!users.isEmpty()) {
        problems.add("cannot delete " + name + ": stack" + (users.size() == 1 ? " '" : "s '")
            + String.join("', '", users) + "' still use" + (users.size() == 1 ? "s" : "") + " it; remove "
            + (users.size() == 1 ? "that reference" : "those references") + " and apply "
            + (users.size() == 1 ? "that stack" : "those stacks") + " first, or keep " + name.id()
            + " in stack '" + desired.stack() + "'");
      }
    }
    return problems;
  }

  /** The clusters and Berth roles {@code desired} references (not IAM roles named by a foreign ARN), by name. */
  static List<ExternalReference> berthReferences(DesiredState desired) {
    return desired.references().stream()
        .filter(r -> r.kind() == ExternalReference.Kind.CLUSTER
            || r.arn().map(arn -> arn.startsWith(Role.ARN_PREFIX)).orElse(true))
        .map(r -> new ExternalReference(r.kind(), r.name(), Optional.empty()))
        .distinct().toList();
  }

  /** The references of {@code desired} that another stack declares: what the plan shows as used, not owned. */
  static List<ExternalReference> foreign(DesiredState desired, StackLinks links) {
    Set<String> roles = desired.roles().stream().map(Role::name).collect(Collectors.toSet());
    Set<String> clusters = desired.clusters().stream().map(Cluster::name).collect(Collectors.toSet());
    return berthReferences(desired).stream()
        .filter(r -> !(r.kind() == ExternalReference.Kind.ROLE ? roles : clusters).contains(r.name()))
        .filter(r -> links.owners().containsKey(address(r)))
        .toList();
  }

  /** The note on a service or task definition that uses {@code reference}: where it comes from. */
  static String origin(ExternalReference reference, StackLinks links) {
    return "uses " + address(reference) + " of stack '" + links.owners().get(address(reference)) + "'";
  }

  static ResourceAddress address(ExternalReference reference) {
    return new ResourceAddress(reference.kind() == ExternalReference.Kind.CLUSTER ? ResourceKind.CLUSTER
        : ResourceKind.ROLE, reference.name());
  }

  /** The names {@code desired} declares: roles, clusters, task definition families and services. */
  static List<ResourceAddress> declaredNames(DesiredState desired) {
    List<ResourceAddress> names = new ArrayList<>();
    desired.roles().forEach(r -> names.add(new ResourceAddress(ResourceKind.ROLE, r.name())));
    desired.clusters().forEach(c -> names.add(new ResourceAddress(ResourceKind.CLUSTER, c.name())));
    desired.taskDefinitions().forEach(t -> names.add(new ResourceAddress(ResourceKind.TASK_DEFINITION, t.family())));
    desired.services().forEach(s -> names.add(new ResourceAddress(ResourceKind.SERVICE,
        s.cluster() + "/" + s.serviceName())));
    return names;
  }

  /**
   * The plan's notes on a task definition's roles that are IAM roles outside Berth; with {@code
   * registered} (a revision the plan registers), also that a Berth task role is recorded but no
   * container gets credentials for it until Berth has a task-credentials endpoint.
   */
  static List<String> notes(TaskDefinition definition, boolean registered) {
    List<String> notes = new ArrayList<>();
    external(definition.taskRoleArn()).ifPresent(arn -> notes.add("warning: task role " + arn
        + " is external, not enforced on Berth (kept for ECS)"));
    definition.taskRoleArn().filter(arn -> registered && external(Optional.of(arn)).isEmpty()).ifPresent(arn ->
        notes.add("task role " + arn + " is recorded, not enforced yet: Berth has no task-credentials endpoint, so"
            + " the containers get no credentials for it"));
    external(definition.executionRoleArn()).ifPresent(arn -> notes.add("warning: execution role " + arn
        + " is external, not enforced on Berth (kept for ECS); secrets are read with Berth roles only"));
    return notes;
  }

  private static Optional<String> external(Optional<String> arn) {
    return arn.filter(a -> !a.startsWith(Role.ARN_PREFIX));
  }
}
