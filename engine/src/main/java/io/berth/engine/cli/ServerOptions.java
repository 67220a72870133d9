package io.berth.engine.cli;

import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.local.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the runtime commands find the control plane; defaults to the local cluster of {@code berth up}.
 * The admin token comes from a file or the environment, never from the command line.
 */
public final class ServerOptions {
  @Option(names = "--server", paramLabel = "URL", description = "Control plane URL (default: BERTH_SERVER, else .berth/up.json).")
  String server;

  @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the admin token (default: BERTH_TOKEN,"
      + " else .berth/up.json).")
  Path tokenFile;

  @Option(names = "--ca", paramLabel = "FILE", description = "The cluster CA's PEM certificate for an https:// server"
      + " (default: BERTH_CA).")
  Path ca;

  /** An admin client for the chosen control plane. */
  public ControlPlaneClient client() {
    return Connection.admin(Optional.ofNullable(server), token(), caFile(), Path.of("").toAbsolutePath());
  }

  private Optional<String> token() {
    if (tokenFile == null) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(tokenFile)) {
      throw new IllegalArgumentException("--token-file " + tokenFile + " does not exist; give the file holding your"
          + " admin token");
    }
    try {
      return Files.readAllLines(tokenFile).stream().findFirst().map(String::strip).filter(s -> !s.isEmpty());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --token-file " + tokenFile + ": " + e.getMessage(), e);
    }
  }

  private Optional<Path> caFile() {
    return Optional.ofNullable(ca).or(() -> Optional.ofNullable(System.getenv("BERTH_CA")).filter(s -> !s.isBlank())
        .map(Path::of));
  }
}
