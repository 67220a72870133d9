package io.berth.validation;

import io.berth.model.Cluster;
import io.berth.model.ExternalReference;
import io.berth.model.ModelPaths;
import io.berth.model.PolicyStatement;
import io.berth.model.Role;
import io.berth.model.TaskDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules about roles: well-formed statements (IAM action and resource syntax), role ARNs that name a
 * role of the stack, a Berth role it refers to or an IAM role, and well-formed references to roles
 * and clusters outside the stack.
 */
final class RoleRules {
  private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+");
  private static final Pattern BERTH_RESOURCE = Pattern.compile("[a-z][a-z0-9-]*/\\S*");

  private RoleRules() {}

  static void check(Role role, Findings findings) {
    String path = ModelPaths.role(role.name());
    NameRules.checkName("role", role.name(), path, findings);
    List<PolicyStatement> statements = role.statements();
    for (int i = 0; i < statements.size(); i++) {
      PolicyStatement statement = statements.get(i);
      String statementPath = ModelPaths.element(path, "statements", i);
      if (statement.actions().isEmpty() || statement.resources().isEmpty()) {
        findings.add(ViolationCode.POLICY_STATEMENT, statementPath, "a " + statement.effect().apiValue()
            + " statement needs at least one action and one resource; e.g. .allow(\"secrets:Read\", \"secret/shop/*\")");
        continue;
      }
      for (String action : statement.actions()) {
        if (!ACTION.matcher(action).matches()) {
          findings.add(ViolationCode.POLICY_STATEMENT, statementPath, "action '" + action + "' is not service:Action"
              + " (wildcards * and ? allowed) or *; e.g. secrets:Read");
        }
      }
      for (String resource : statement.resources()) {
        if (!resource.equals("*") && !Syntax.isArn(resource) && !BERTH_RESOURCE.matcher(resource).matches()) {
          findings.add(ViolationCode.POLICY_STATEMENT, statementPath, "resource '" + resource + "' is not *, an ARN"
              + " or a Berth resource such as secret/shop/*");
        }
      }
    }
  }

  /** A reference to a role or cluster outside the stack: well formed, and not also declared in it. */
  static void checkReference(ExternalReference reference, Set<String> declaredRoles, Set<String> declaredClusters,
      Findings findings) {
    String path = ModelPaths.reference(reference);
    if (reference.kind() == ExternalReference.Kind.CLUSTER) {
      NameRules.checkName("cluster", reference.name(), path, findings);
      if (declaredClusters.contains(reference.name())) {
        findings.add(ViolationCode.DUPLICATE_NAME, path, "cluster '" + reference.name() + "' is declared in this stack"
            + " and also referred to as an existing cluster; use the declared one's handle");
      }
      return;
    }
    if (reference.arn().isPresent()) {
      String arn = reference.arn().get();
      if (!Syntax.isIamRoleArn(arn) && !isBerthArn(arn)) {
        findings.add(ViolationCode.ROLE_REFERENCE, path, "'" + arn + "' is neither an IAM role ARN"
            + " (arn:aws:iam::<12-digit account>:role/<name>) nor a Berth role name; replace it with the role's ARN");
      }
      return;
    }
    NameRules.checkName("role", reference.name(), path, findings);
    if (declaredRoles.contains(reference.name())) {
      findings.add(ViolationCode.DUPLICATE_NAME, path, "role '" + reference.name() + "' is declared in this stack and"
          + " also referred to as an existing role; use the declared one's handle");
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

  private static boolean isBerthArn(String arn) {
    return arn.startsWith(Role.ARN_PREFIX) && arn.length() > Role.ARN_PREFIX.length();
  }

  /** {@code roles}: the Berth role names the stack declares or refers to. */
  private static void checkArn(Optional<String> arn, String use, String path, Set<String> roles, Findings findings) {
    if (arn.isEmpty() || Syntax.isIamRoleArn(arn.get())) {
      return; // an IAM role: Berth keeps its ARN and the plan shows it as external
    }
    if (!isBerthArn(arn.get())) {
      findings.add(ViolationCode.ROLE_REFERENCE, path, use + " '" + arn.get() + "' is neither a Berth role ARN ("
          + Role.ARN_PREFIX + "<name>) nor an IAM role ARN; declare the role with infra.role(...), or refer to it"
          + " with infra.existingRole(\"arn:aws:iam::<account>:role/<name>\")");
      return;
    }
    String name = arn.get().substring(Role.ARN_PREFIX.length());
    if (!roles.contains(name)) {
      findings.add(ViolationCode.ROLE_REFERENCE, path, use + " '" + name + "' is not declared in the stack;"
          + " declare it with infra.role(\"" + name + "\") or refer to it with infra.existingRole(\"" + name + "\")");
    }
  }
}
