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
    String lbListen) {

  /** How often {@code berth server} fetches a remote state unless told otherwise. */
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(10);

  /** Where load balancers listen unless told: the loopback address, reachable from this machine only. */
  public static final String DEFAULT_LB_LISTEN = "127.0.0.1";

  /** Checks the required members and copies the secrets. */
  public ControlPlaneConfig {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(listen, "listen == null");
    if (joinToken == null || joinToken.isBlank() || adminToken == null || adminToken.isBlank()) {
      throw new IllegalArgumentException("both --join-token and --admin-token are required and must not be blank");
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
        reconcile, DEFAULT_POLL, Optional.empty(), DEFAULT_LB_LISTEN);
  }

  /** As the local-state constructor, with load balancers listening on {@code lbListen}. */
  public ControlPlaneConfig(Path stateRepository, InetSocketAddress listen, String joinToken, String adminToken,
      Map<String, String> secrets, Duration syncInterval, Duration tickInterval, ReconcileSettings reconcile,
      String lbListen) {
    this(StateAccess.local(stateRepository), listen, joinToken, adminToken, secrets, syncInterval, tickInterval,
        reconcile, DEFAULT_POLL, Optional.empty(), lbListen);
  }

  /** The same configuration listening on {@code address} (a restart keeps the port the first start got). */
  public ControlPlaneConfig listeningOn(InetSocketAddress address) {
    return new ControlPlaneConfig(state, address, joinToken, adminToken, secrets, syncInterval, tickInterval, reconcile,
        poll, webhookSecret, lbListen);
  }
}
