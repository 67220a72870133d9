package io.berth.engine.local;

import io.berth.engine.api.ControlPlaneClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the control plane a CLI command talks to: explicit {@code --server}/{@code --token}, else
 * {@code BERTH_SERVER}/{@code BERTH_TOKEN}, else the local cluster's {@code .berth/up.json}.
 */
public final class Connection {
  private Connection() {}

  /** An admin client, or a precise error saying how to point the command at a control plane. */
  public static ControlPlaneClient admin(Optional<String> server, Optional<String> token, Path workingDirectory) {
    Optional<String> url = server.or(() -> Optional.ofNullable(System.getenv("BERTH_SERVER")));
    Optional<String> adminToken = token.or(() -> Optional.ofNullable(System.getenv("BERTH_TOKEN")));
    if (url.isPresent() && adminToken.isPresent()) {
      return new ControlPlaneClient(URI.create(url.get()), adminToken.get());
    }
    UpFile up = UpFile.read(workingDirectory).orElseThrow(() -> new IllegalArgumentException(
        "no control plane to talk to: no " + UpFile.path(workingDirectory) + " and no --server/--token;"
            + " start a local cluster with berth up, or pass --server URL --token ADMIN_TOKEN"
            + " (or set BERTH_SERVER and BERTH_TOKEN)"));
    if (url.isEmpty() && !up.alive(workingDirectory)) {
      throw new IllegalArgumentException("no local cluster runs here: the berth up (pid " + up.pid() + ") that wrote "
          + UpFile.path(workingDirectory) + " has ended; start it again with berth up, or pass --server URL --token"
          + " ADMIN_TOKEN");
    }
    return new ControlPlaneClient(URI.create(url.orElse(up.url())), adminToken.orElse(up.adminToken()));
  }
}
