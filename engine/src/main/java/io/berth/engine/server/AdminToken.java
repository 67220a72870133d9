package io.berth.engine.server;

import java.util.Objects;

/**
 * A named admin token: one line {@code NAME SCOPE TOKEN} of the file {@code berth server
 * --admin-tokens} reads ({@link AdminTokens}).
 *
 * @param name who holds it; events and state commits made with it name it
 * @param scope what it may do
 * @param token the secret itself
 */
public record AdminToken(String name, AdminScope scope, String token) {

  /** Requires every member. */
  public AdminToken {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(scope, "scope == null");
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("admin token " + name + " is blank");
    }
  }

  /** Hides the secret, so a log line or an exception never carries it. */
  @Override
  public String toString() {
    return "AdminToken[" + name + ", " + scope.word() + "]";
  }
}
