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
 */
public record ControlPlaneConfig(
    Path stateRepository,
    InetSocketAddress listen,
    String joinToken,
    String adminToken,
    Map<String, String> secrets,
    Duration syncInterval,
    Duration tickInterval,
    ReconcileSettings reconcile) {

  /** Checks the required members and copies the secrets. */
  public ControlPlaneConfig {
    Objects.requireNonNull(stateRepository, "stateRepository == null");
    Objects.requireNonNull(listen, "listen == null");
    if (joinToken == null || joinToken.isBlank() || adminToken == null || adminToken.isBlank()) {
      throw new IllegalArgumentException("both --join-token and --admin-token are required and must not be blank");
    }
    secrets = Map.copyOf(secrets);
  }
}
