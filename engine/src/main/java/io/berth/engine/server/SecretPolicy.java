package io.berth.engine.server;

import io.berth.model.Effect;
import io.berth.model.PolicyStatement;
import io.berth.model.Role;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a task may read a secret: its execution role needs an Allow statement for
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
