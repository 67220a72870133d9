package io.berth.plans.diff;

import io.berth.model.Cluster;
import io.berth.model.DesiredState;
import io.berth.model.ExternalReference;
import io.berth.model.Role;
import io.berth.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the plan does with things a stack uses but does not declare ({@code infra.existingRole},
 * {@code infra.existingCluster}): a Berth role or cluster must be declared in the state being
 * planned, or the plan is refused naming it; an IAM role named by its ARN is recorded as written
 * and shown as external, since Berth does not enforce IAM roles. A Berth task role is shown as not
 * enforced yet.
 */
final class References {
  private References() {}

  /** One problem per reference the state being planned ({@code desired}) does not declare. */
  static List<String> problems(DesiredState desired) {
    Set<String> roles = desired.roles().stream().map(Role::name).collect(Collectors.toSet());
    Set<String> clusters = desired.clusters().stream().map(Cluster::name).collect(Collectors.toSet());
    List<String> problems = new ArrayList<>();
    for (ExternalReference reference : desired.references()) {
      boolean berthRole = reference.arn().map(arn -> arn.startsWith(Role.ARN_PREFIX)).orElse(true);
      if (reference.kind() == ExternalReference.Kind.ROLE && berthRole && !roles.contains(reference.name())) {
        problems.add("existing role '" + reference.name() + "' (infra.existingRole(\"" + reference.written()
            + "\")) is not declared in the state being planned, and Berth cannot use a role of another stack yet:"
            + " declare it in this stack with infra.role(\"" + reference.name() + "\"), or name an IAM role by"
            + " its ARN");
      } else if (reference.kind() == ExternalReference.Kind.CLUSTER && !clusters.contains(reference.name())) {
        problems.add("existing cluster '" + reference.name() + "' (infra.existingCluster(\"" + reference.name()
            + "\")) is not declared in the state being planned, and Berth cannot run services on a cluster of"
            + " another stack yet: declare it in this stack with infra.cluster(\"" + reference.name() + "\")");
      }
    }
    return problems;
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
