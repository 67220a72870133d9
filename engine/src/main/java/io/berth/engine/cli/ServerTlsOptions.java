package io.berth.engine.cli;

import io.berth.engine.server.ClusterCa;
import io.berth.engine.server.ServerTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How {@code berth server} serves its API: HTTPS with its own cluster CA (the default), HTTPS with
 * the operator's certificate, or plain HTTP on a loopback address when asked.
 */
public final class ServerTlsOptions {
  @Option(names = "--tls-cert", paramLabel = "FILE", description = "The server's PEM certificate chain (default: one"
      + " the cluster CA in --data-dir signs at every start).")
  Path certificate;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM private key of --tls-cert.")
  Path key;

  @Option(names = "--tls-ca", paramLabel = "FILE", description = "The PEM CA certificate agents trust (with --tls-cert).")
  Path ca;

  @Option(names = "--tls-san", paramLabel = "NAME", description = "Another host name or address the server certificate"
      + " names (repeatable; this host's names and addresses are always in it).")
  List<String> alternativeNames = new ArrayList<>();

  @Option(names = "--plain-http", description = "Serve plain HTTP instead of HTTPS: only on a loopback --listen address.")
  boolean plain;

  /** The TLS to serve with; empty for plain HTTP, which only a loopback address may serve. */
  Optional<ServerTls> serverTls(InetSocketAddress listen, Path dataDir, Instant now) throws IOException {
    boolean given = certificate != null || key != null || ca != null;
    if (plain) {
      if (listen.getAddress() == null || !listen.getAddress().isLoopbackAddress()) {
        throw new IllegalArgumentException("--plain-http serves tokens and secrets in clear text, so only on a loopback"
            + " address; --listen " + listen.getHostString() + " is not one: drop --plain-http to serve HTTPS");
      }
      if (given) {
        throw new IllegalArgumentException("--plain-http and --tls-cert/--tls-key/--tls-ca contradict each other; give one");
      }
      return Optional.empty();
    }
    if (given) {
      if (certificate == null || key == null || ca == null) {
        throw new IllegalArgumentException("--tls-cert, --tls-key and --tls-ca go together; give all three, or none for"
            + " the cluster CA in --data-dir");
      }
      return Optional.of(ClusterCa.given(certificate, key, ca));
    }
    return Optional.of(ClusterCa.ownCa(dataDir, ClusterCa.serverNames(listen.getHostString(), alternativeNames), now));
  }

  /** The operator's CA file, when given. */
  Optional<Path> givenCa() {
    return Optional.ofNullable(ca);
  }
}
