package io.berth.validation;

import io.berth.model.Cluster;
import io.berth.model.ModelPaths;
import io.berth.model.PolicyStatement;
import io.berth.model.Role;
import io.berth.model.TaskDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Rules about roles: well-formed statements, and role ARNs that name roles of the stack. */
final class RoleRules {
  private RoleRules() {}

  static void check(Role role, Findings findings) {
    String path = ModelPaths.role(role.name());
    NameRules.checkName("role", role.name(), path, findings);
    List<PolicyStatement> statements = role.statements();
    for (int i = 0; i < statements.size(); i++) {
      PolicyStatement statement = statements.get(i);
      if (statement.actions().isEmpty() || statement.resources().isEmpty()
          || statement.actions().stream().anyMatch(String::isBlank)
          || statement.resources().stream().anyMatch(String::isBlank)) {
        findings.add(ViolationCode.POLICY_STATEMENT, ModelPaths.element(path, "statements", i), "a "
            + statement.effect().apiValue() + " statement needs at least one action and one resource, none blank;"
            + " e.g. .allow(\"secrets:Read\", \"secret/shop/*\")");
      }
    }
  }

  static void checkTaskRoles(TaskDefinition task, Set<String> roles, Findings findings) {
    String path = ModelPaths.taskDefinition(task.family());
    checkArn(task.taskRoleArn(), "task role", ModelPaths.member(path, "taskRoleArn"), roles, findings);
    checkArn(task.executionRoleArn(), "execution role", ModelPaths.member(path, "executionRoleArn"), roles, findings);
  }

  static void checkClusterRole(Cluster cluster, Set<String> roles, Findings findings) {
    checkArn(cluster.instanceRoleArn(), "instance role",
        ModelPaths.member(ModelPaths.cluster(cluster.name()), "instanceRoleArn"), roles, findings);
  }

  private static void checkArn(Optional<String> arn, String use, String path, Set<String> roles, Findings findings) {
    if (arn.isEmpty()) {
      return;
    }
    if (!arn.get().startsWith(Role.ARN_PREFIX)) {
      findings.add(ViolationCode.ROLE_REFERENCE, path, use + " '" + arn.get() + "' is not a Berth role ARN ("
          + Role.ARN_PREFIX + "<name>); declare the role with infra.role(...) and pass its handle");
      return;
    }
    String name = arn.get().substring(Role.ARN_PREFIX.length());
    if (!roles.contains(name)) {
      findings.add(ViolationCode.ROLE_REFERENCE, path, use + " '" + name + "' is not declared in the stack;"
          + " declare it with infra.role(\"" + name + "\")");
    }
  }
}
