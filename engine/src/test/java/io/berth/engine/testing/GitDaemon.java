package io.berth.engine.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code git daemon} serving the bare repositories under a directory on a loopback port, with
 * push enabled ({@code --enable=receive-pack}), as a team might run it.
 *
 * <pre>{@code
 * try (GitDaemon daemon = GitDaemon.start(tmp)) {
 *   GitCli.bare(tmp, "state.git");
 *   String url = daemon.url("state.git");   // git://127.0.0.1:<port>/state.git
 * }
 * }</pre>
 */
public final class GitDaemon extends LoopbackServer {
  private GitDaemon(Path base, int port, Path log) {
    super(List.of("git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack", "--informative-errors",
        "--listen=127.0.0.1", "--port=" + port, "--base-path=" + base.toAbsolutePath(), base.toAbsolutePath().toString()),
        port, log);
  }

  /** Starts a daemon serving {@code base}. */
  public static GitDaemon start(Path base) {
    return start(base, base.resolve("git-daemon.log"));
  }

  /** Starts a daemon serving {@code base}, its output in {@code log}. */
  public static GitDaemon start(Path base, Path log) {
    AssertionError last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return new GitDaemon(base, freePort(), log);
      } catch (AssertionError e) {
        last = e; // the port was taken between probing and binding: another one
      }
    }
    throw last;
  }

  /** The git:// URL of the repository {@code name} under the base directory. */
  public String url(String name) {
    return "git://127.0.0.1:" + port() + "/" + name;
  }
}
