package io.berth.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's OpenSSH server run by the test as its own {@code sshd} on a loopback port, with a host key
 * and a client key generated for it ({@code ssh-keygen}); only that client key may log in, as the
 * user running the tests, and Git runs over it as on any SSH Git server.
 *
 * <pre>{@code
 * try (SshServer sshd = SshServer.start(tmp.resolve("sshd"))) {
 *   String url = sshd.url(bareRepository);          // ssh://user@127.0.0.1:<port>/abs/path.git
 *   Files.writeString(home.resolve(".ssh/known_hosts"), sshd.knownHostsLine());
 * }
 * }</pre>
 */
public final class SshServer extends LoopbackServer {
  private final Path dir;

  private SshServer(Path dir, int port) {
    super(List.of("/usr/sbin/sshd", "-D", "-e", "-f", config(dir, port).toString()), port, dir.resolve("sshd.log"));
    this.dir = dir;
  }

  /** Generates the keys and configuration under {@code dir} and starts sshd. */
  public static SshServer start(Path dir) {
    try {
      Files.createDirectories(dir);
      keygen(dir, "host_ed25519");
      keygen(dir, "client_ed25519");
      Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
      if (System.getProperty("user.name").equals("root")) {
        Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory, as root
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AssertionError last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return new SshServer(dir, freePort());
      } catch (AssertionError e) {
        last = e;
      }
    }
    throw last;
  }

  /** The private key that may log in. */
  public Path clientKey() {
    return dir.resolve("client_ed25519");
  }

  /** The {@code known_hosts} line for this server's host key. */
  public String knownHostsLine() {
    try {
      return "[127.0.0.1]:" + port() + " " + Files.readString(dir.resolve("host_ed25519.pub")).strip() + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ssh:// URL of the bare repository {@code repository} (an absolute path on this machine). */
  public String url(Path repository) {
    return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port() + repository.toAbsolutePath();
  }

  /** The same URL in Git's scp-like form, {@code user@127.0.0.1:path} (port 22 only, so for parsing tests). */
  public static String scpLike(Path repository) {
    return System.getProperty("user.name") + "@127.0.0.1:" + repository.toAbsolutePath();
  }

  private static void keygen(Path dir, String name) {
    if (!Files.exists(dir.resolve(name))) {
      GitCli.exec(dir, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "berth-test", "-f",
          dir.resolve(name).toString()));
    }
  }

  private static Path config(Path dir, int port) {
    Path config = dir.resolve("sshd_config");
    try {
      Files.writeString(config, String.join("\n",
          "Port " + port,
          "ListenAddress 127.0.0.1",
          "HostKey " + dir.resolve("host_ed25519"),
          "PidFile " + dir.resolve("sshd.pid"),
          "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
          "StrictModes no",
          "UsePAM no",
          "PasswordAuthentication no",
          "KbdInteractiveAuthentication no",
          "PubkeyAuthentication yes",
          "PermitRootLogin prohibit-password",
          "LogLevel VERBOSE", ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }
}
