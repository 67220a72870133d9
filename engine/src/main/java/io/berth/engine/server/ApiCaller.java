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

  /**
   * An admin token of {@code scope}, named {@code tokenName} in the admin tokens file; the unnamed
   * ({@code ""}) one is the configuration's own admin token (berth up's).
   */
  record Admin(String tokenName, AdminScope scope) implements ApiCaller {
    @Override
    public String name() {
      return tokenName.isEmpty() ? "the admin token" : "admin token " + tokenName;
    }

    /**
     * {@code request} with its author naming this token: {@code Name (admin token ops) <email>}, or
     * {@code admin token ops <berth@localhost>} when the client named no author. The state commit a
     * served apply makes thus says which token applied it. The unnamed token leaves it as it is.
     */
    io.berth.engine.api.ApplyRequest attributed(io.berth.engine.api.ApplyRequest request) {
      if (tokenName.isEmpty()) {
        return request;
      }
      String author = request.author().filter(a -> a.matches("[^<>]*[^<>\\s]\\s*<[^<>\\s]+>\\s*"))
          .map(a -> a.substring(0, a.indexOf('<')).strip() + " (" + name() + ") " + a.substring(a.indexOf('<')).strip())
          .orElse(name() + " <berth@localhost>");
      return new io.berth.engine.api.ApplyRequest(request.desired(), request.workingDirectory(), request.stack(),
          request.colour(), java.util.Optional.of(author), request.runUrl());
    }

    /** Whether this token may change things (apply, revoke, rotate, shut down). */
    boolean writes() {
      return scope == AdminScope.WRITE;
    }
  }
}
