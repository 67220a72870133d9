package io.berth.engine.cli;

import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.local.Connection;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the runtime commands find the control plane; defaults to the local cluster of {@code berth up}. */
public final class ServerOptions {
  @Option(names = "--server", paramLabel = "URL", description = "Control plane URL (default: BERTH_SERVER, else .berth/up.json).")
  String server;

  @Option(names = "--token", paramLabel = "TOKEN", description = "Admin token (default: BERTH_TOKEN, else .berth/up.json).")
  String token;

  /** An admin client for the chosen control plane. */
  public ControlPlaneClient client() {
    return Connection.admin(Optional.ofNullable(server), Optional.ofNullable(token), Path.of("").toAbsolutePath());
  }
}
