package io.berth.engine.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the API is secured beyond the join token and the admin token of {@link ControlPlaneConfig}.
 *
 * @param adminTokens named, scoped admin tokens ({@code --admin-tokens FILE})
 * @param tls HTTPS with this key and chain; empty: plain HTTP (loopback only, or when asked)
 * @param dataDir where the instance key, the current join token and the revoked instances are kept;
 *     empty: in memory (a restarted control plane then refuses its agents' credentials)
 * @param joinGrace how long a rotated-out join token stays valid
 */
public record ApiSecurity(List<AdminToken> adminTokens, Optional<ServerTls> tls, Optional<Path> dataDir,
    Duration joinGrace) {

  /** How long a rotated-out join token is still accepted unless told otherwise. */
  public static final Duration DEFAULT_JOIN_GRACE = Duration.ofHours(1);

  /** Copies the tokens and requires a grace period of zero or more. */
  public ApiSecurity {
    adminTokens = List.copyOf(adminTokens);
    Objects.requireNonNull(tls, "tls == null");
    Objects.requireNonNull(dataDir, "dataDir == null");
    if (joinGrace == null || joinGrace.isNegative()) {
      throw new IllegalArgumentException("--join-token-grace must be zero or more, e.g. 1h");
    }
  }

  /** Plain HTTP, the config's admin token only, everything in memory. */
  public static ApiSecurity plain() {
    return new ApiSecurity(List.of(), Optional.empty(), Optional.empty(), DEFAULT_JOIN_GRACE);
  }

  /** The same with its state kept in {@code dir}. */
  public ApiSecurity keptIn(Path dir) {
    return new ApiSecurity(adminTokens, tls, Optional.of(dir), joinGrace);
  }
}
