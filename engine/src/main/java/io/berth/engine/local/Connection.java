package io.berth.engine.local;

import io.berth.engine.api.ClientTls;
import io.berth.engine.api.ControlPlaneClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the control plane a CLI command talks to: explicit {@code --server}/{@code --token-file}, else
 * {@code BERTH_SERVER}/{@code BERTH_TOKEN}, else the local cluster's {@code .berth/up.json}.
 */
public final class Connection {
  private Connection() {}

  /** An admin client, or a precise error saying how to point the command at a control plane. */
  public static ControlPlaneClient admin(Optional<String> server, Optional<String> token, Path workingDirectory) {
    return admin(server, token, Optional.empty(), workingDirectory);
  }

  /** As {@link #admin(Optional, Optional, Path)}, trusting an {@code https://} server's chain to lead to {@code ca}. */
  public static ControlPlaneClient admin(Optional<String> server, Optional<String> token, Optional<Path> ca,
      Path workingDirectory) {
    Optional<String> url = server.or(() -> Optional.ofNullable(System.getenv("BERTH_SERVER")));
    Optional<String> adminToken = token.or(() -> Optional.ofNullable(System.getenv("BERTH_TOKEN")));
    url.ifPresent(Connection::url); // a URL that cannot be one is the first thing to say, token or not
    if (url.isPresent() && adminToken.isPresent()) {
      URI base = url(url.get());
      return new ControlPlaneClient(base, adminToken.get(), ClientTls.forServer(base, ca, Optional.empty()));
    }
    UpFile up = UpFile.read(workingDirectory).orElseThrow(() -> new IllegalArgumentException(
        "no control plane to talk to: no " + UpFile.path(workingDirectory) + " and no --server/--token-file;"
            + " start a local cluster with berth up, or pass --server URL --token-file FILE"
            + " (or set BERTH_SERVER and BERTH_TOKEN)"));
    if (url.isEmpty() && !up.alive(workingDirectory)) {
      throw new IllegalArgumentException("no local cluster runs here: the berth up (pid " + up.pid() + ") that wrote "
          + UpFile.path(workingDirectory) + " has ended; start it again with berth up, or pass --server URL --token-file"
          + " FILE");
    }
    return new ControlPlaneClient(url(url.orElse(up.url())), adminToken.orElse(up.adminToken()));
  }

  /** The control plane's URL, refused in words when it is none ({@code --server 127.0.0.1:7070} lacks its scheme). */
  static URI url(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("--server '" + text + "' (or BERTH_SERVER) is not the URL of a control plane;"
          + " write it like http://127.0.0.1:7070");
    }
    return uri;
  }
}
