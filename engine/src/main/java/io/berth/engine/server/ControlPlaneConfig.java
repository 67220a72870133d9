package io.berth.engine.server;

import io.berth.engine.state.StateAccess;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a control plane.
 *
 * @param state the state: a local bare repository (created by {@code berth init} or the first
 *     apply), or a Git remote the control plane follows through its cache
 * @param listen address of the HTTP API; port 0 picks a free one
 * @param secrets secret values, kept in memory only
 * @param syncInterval how often agents are told to sync
 * @param tickInterval how often the reconciler runs
 * @param poll how often a remote state is fetched (a webhook fetches at once)
 * @param webhookSecret the secret {@code POST /v1/hooks/state} must be signed with; without one the
 *     route answers 404
 * @param lbListen the address load balancer listeners bind ({@code --lb-listen}): loopback unless given
 * @param joinToken the token agents register with (rotated through the API)
 * @param adminToken a write-scoped admin token named {@code admin}; blank when {@code security} names them
 * @param security TLS, named admin tokens, where the instance key and join token are kept
 */
public record ControlPlaneConfig(
    StateAccess state,
    InetSocketAddress listen,
    String joinToken,
    String adminToken,
    Map<String, String> secrets,
    Duration syncInterval,
    Duration tickInterval,
    ReconcileSettings reconcile,
    Duration poll,
    Optional<String> webhookSecret,
    String lbListen,
    ApiSecurity security) {

  /** How often {@code berth server} fetches a remote state unless told otherwise. */
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(10);

  /** Where load balancers listen unless told: the loopback address, reachable from this machine only. */
  public static final String DEFAULT_LB_LISTEN = "127.0.0.1";

  /** Checks the required members and copies the secrets. */
  public ControlPlaneConfig {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(listen, "listen == null");
    security = security == null ? ApiSecurity.plain() : security;
    adminToken = adminToken == null ? "" : adminToken;
    if (joinToken == null || joinToken.isBlank() || adminToken.isBlank() && security.adminTokens().isEmpty()) {
      throw new IllegalArgumentException("a join token and at least one admin token are required and must not be blank");
    }
    secrets = Map.copyOf(secrets);
    if (poll == null || poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("--poll must be a positive duration, e.g. 10s");
    }
    webhookSecret = webhookSecret == null ? Optional.empty() : webhookSecret.filter(s -> !s.isBlank());
    lbListen = lbListen == null || lbListen.isBlank() ? DEFAULT_LB_LISTEN : lbListen;
  }

  /** A control plane on the local state repository {@code stateRepository} (no webhook, default poll). */
  public ControlPlaneConfig(Path stateRepository, InetSocketAddress listen, String joinToken, String adminToken,
      Map<String, String> secrets, Duration syncInterval, Duration tickInterval, ReconcileSettings reconcile) {
    this(StateAccess.local(stateRepository), listen, joinToken, adminToken, secrets, syncInterval, tickInterval,
        reconcile, DEFAULT_POLL, Optional.empty(), DEFAULT_LB_LISTEN, ApiSecurity.plain());
  }

  /** As the local-state constructor, with load balancers listening on {@code lbListen}. */
  public ControlPlaneConfig(Path stateRepository, InetSocketAddress listen, String joinToken, String adminToken,
      Map<String, String> secrets, Duration syncInterval, Duration tickInterval, ReconcileSettings reconcile,
      String lbListen) {
    this(StateAccess.local(stateRepository), listen, joinToken, adminToken, secrets, syncInterval, tickInterval,
        reconcile, DEFAULT_POLL, Optional.empty(), lbListen, ApiSecurity.plain());
  }

  /** The same configuration listening on {@code address} (a restart keeps the port the first start got). */
  public ControlPlaneConfig listeningOn(InetSocketAddress address) {
    return new ControlPlaneConfig(state, address, joinToken, adminToken, secrets, syncInterval, tickInterval, reconcile,
        poll, webhookSecret, lbListen, security);
  }

  /** The same configuration secured by {@code newSecurity}. */
  public ControlPlaneConfig securedBy(ApiSecurity newSecurity) {
    return new ControlPlaneConfig(state, listen, joinToken, adminToken, secrets, syncInterval, tickInterval, reconcile,
        poll, webhookSecret, lbListen, newSecurity);
  }

  /** Hides the tokens and secrets, so a log line never carries them. */
  @Override
  public String toString() {
    return "ControlPlaneConfig[" + state + ", listen " + listen + ", " + secrets.size() + " secrets]";
  }
}
