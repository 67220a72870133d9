package io.berth.engine.server;

import io.berth.engine.api.SecretValue;
import io.berth.model.Effect;
import io.berth.model.PolicyStatement;
import io.berth.model.Role;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether an agent may read a secret for a task (its own, alive and wanted) and whether the task may read it: its execution role needs an Allow statement for
 * {@code secrets:Read} on {@code secret/<name>} and no matching Deny (explicit Deny wins).
 * Wildcards {@code *} match any run of characters in actions and resources.
 */
final class SecretPolicy {
  static final String ACTION = "secrets:Read";

  private SecretPolicy() {}

  /** {@code secret/shop/db} and {@code shop/db} both name the secret {@code shop/db}. */
  static String secretName(String reference) {
    return reference.startsWith("secret/") ? reference.substring("secret/".length()) : reference;
  }

  /** The role's name from its ARN ({@code arn:berth:iam::role/web-exec}) or a bare name. */
  static String roleName(String arnOrName) {
    return arnOrName.startsWith(Role.ARN_PREFIX) ? arnOrName.substring(Role.ARN_PREFIX.length())
        : arnOrName.substring(arnOrName.lastIndexOf('/') + 1);
  }

  /** An answer to a secret request: the value, or a status with an error and its fix. */
  record SecretAnswer(Optional<SecretValue> value, int status, String error, String fix) {}

  /**
   * The answer to the agent of {@code instanceId} asking for secret {@code reference} for task {@code
   * taskId}: only for a task assigned to that instance that is alive and wanted running, and only as
   * the task's execution role allows.
   */
  static SecretAnswer answer(ControlPlaneSnapshot snapshot, DeclaredSnapshot declared, Map<String, String> secrets,
      String reference, String taskId, String instanceId) {
    String name = secretName(reference);
    TaskRecord task = snapshot.tasks().get(taskId);
    var deployment = task == null ? null : snapshot.deploymentOf(task).orElse(null);
    if (deployment == null) {
      return refused(404, "unknown task " + taskId, "ask for secrets only for tasks this control plane assigned");
    }
    if (!task.instanceId().equals(instanceId)) {
      return refused(403, "task " + taskId + " is not assigned to instance " + instanceId,
          "an agent reads the secrets of its own tasks only");
    }
    if (!task.wanted()) {
      return refused(403, "task " + taskId + " is stopped or stopping",
          "secrets are read only for a task that is starting or running");
    }
    Optional<String> roleArn = deployment.taskDefinition().executionRoleArn();
    var role = roleArn.map(SecretPolicy::roleName).map(declared.roles()::get);
    if (!allows(role, name)) {
      return refused(403, "task " + taskId + " (" + deployment.taskDefinitionArn() + ") may not read secret/" + name,
          "give its execution role " + roleArn.orElse("(none set)") + " an Allow statement for secrets:Read on secret/"
              + name);
    }
    String value = secrets.get(name);
    if (value == null) {
      return refused(404, "secret " + name + " is not known to the control plane",
          "start the control plane with a --secrets-file line " + name + "=VALUE");
    }
    return new SecretAnswer(Optional.of(new SecretValue(name, value)), 200, "", "");
  }

  private static SecretAnswer refused(int status, String error, String fix) {
    return new SecretAnswer(Optional.empty(), status, error, fix);
  }

  static boolean allows(Optional<Role> role, String secret) {
    if (role.isEmpty()) {
      return false;
    }
    String resource = "secret/" + secretName(secret);
    boolean allowed = false;
    for (PolicyStatement statement : role.get().statements()) {
      boolean matches = statement.actions().stream().anyMatch(a -> wildcard(a, ACTION))
          && statement.resources().stream().anyMatch(r -> wildcard(r, resource));
      if (matches && statement.effect() == Effect.DENY) {
        return false;
      }
      allowed |= matches && statement.effect() == Effect.ALLOW;
    }
    return allowed;
  }

  static boolean wildcard(String pattern, String value) {
    String[] parts = pattern.split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.matches(regex.toString(), value);
  }
}
