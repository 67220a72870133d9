package io.berth.engine.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a control plane.
 *
 * @param stateRepository the bare Git state repository (created by {@code berth init} or the first apply)
 * @param listen address of the HTTP API; port 0 picks a free one
 * @param secrets secret values, kept in memory only
 * @param syncInterval how often agents are told to sync
 * @param tickInterval how often the reconciler runs
 * @param lbListen the address load balancer listeners bind ({@code --lb-listen}): loopback unless given
 */
public record ControlPlaneConfig(
    Path stateRepository,
    InetSocketAddress listen,
    String joinToken,
    String adminToken,
    Map<String, String> secrets,
    Duration syncInterval,
    Duration tickInterval,
    ReconcileSettings reconcile,
    String lbListen) {

  /** Where load balancers listen unless told: the loopback address, reachable from this machine only. */
  public static final String DEFAULT_LB_LISTEN = "127.0.0.1";

  /** A control plane whose load balancers listen on loopback. */
  public ControlPlaneConfig(Path stateRepository, InetSocketAddress listen, String joinToken, String adminToken,
      Map<String, String> secrets, Duration syncInterval, Duration tickInterval, ReconcileSettings reconcile) {
    this(stateRepository, listen, joinToken, adminToken, secrets, syncInterval, tickInterval, reconcile,
        DEFAULT_LB_LISTEN);
  }

  /** Checks the required members and copies the secrets. */
  public ControlPlaneConfig {
    Objects.requireNonNull(stateRepository, "stateRepository == null");
    Objects.requireNonNull(listen, "listen == null");
    if (joinToken == null || joinToken.isBlank() || adminToken == null || adminToken.isBlank()) {
      throw new IllegalArgumentException("both --join-token and --admin-token are required and must not be blank");
    }
    secrets = Map.copyOf(secrets);
    lbListen = lbListen == null || lbListen.isBlank() ? DEFAULT_LB_LISTEN : lbListen;
  }
}
