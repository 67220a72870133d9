package io.berth.engine.server;

/**
 * Who sent a request, as its bearer token says: an agent joining with the cluster's join token, a
 * registered agent with the credential of its container instance, or an admin with a named,
 * scoped token. Each route says which of them it serves ({@link ApiServer}).
 */
sealed interface ApiCaller {
  /** The name events and state commits give the caller. */
  String name();

  /** A host joining with a valid join token: it may register a new container instance, nothing else. */
  record Joining() implements ApiCaller {
    @Override
    public String name() {
      return "join token";
    }
  }

  /** A registered agent, holding the credential of {@code instanceId}. */
  record Instance(String instanceId) implements ApiCaller {
    @Override
    public String name() {
      return "instance " + instanceId;
    }
  }

  /** An admin token of {@code scope}, named {@code tokenName} in the admin tokens file. */
  record Admin(String tokenName, AdminScope scope) implements ApiCaller {
    @Override
    public String name() {
      return "admin token " + tokenName;
    }

    /** Whether this token may change things (apply, revoke, rotate, shut down). */
    boolean writes() {
      return scope == AdminScope.WRITE;
    }
  }
}
