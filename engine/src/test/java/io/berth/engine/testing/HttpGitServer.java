package io.berth.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Git's own smart HTTP server ({@code git http-backend}) behind Debian's {@code lighttpd} on a
 * loopback port, every request behind basic authentication, as a team's Git host would serve a
 * repository over HTTP. Repositories live under {@link #repositories()}.
 */
public final class HttpGitServer extends LoopbackServer {
  /** The user name lighttpd accepts. */
  public static final String USER = "alice";
  /** Her password. */
  public static final String PASSWORD = "s3cret-for-berth";
  private final Path dir;

  private HttpGitServer(Path dir, int port) {
    super(List.of("/usr/sbin/lighttpd", "-D", "-f", config(dir, port).toString()), port, dir.resolve("lighttpd.log"));
    this.dir = dir;
  }

  /** Starts lighttpd serving {@code dir/repos}. */
  public static HttpGitServer start(Path dir) {
    try {
      Files.createDirectories(dir.resolve("repos"));
      Files.createDirectories(dir.resolve("www"));
      Files.writeString(dir.resolve("users"), USER + ":" + PASSWORD + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AssertionError last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return new HttpGitServer(dir, freePort());
      } catch (AssertionError e) {
        last = e;
      }
    }
    throw last;
  }

  /** Where the served bare repositories are. */
  public Path repositories() {
    return dir.resolve("repos");
  }

  /** The http:// URL of repository {@code name}, without credentials. */
  public String url(String name) {
    return "http://127.0.0.1:" + port() + "/git/" + name;
  }

  private static Path config(Path dir, int port) {
    Path config = dir.resolve("lighttpd.conf");
    try {
      Files.writeString(config, String.join("\n",
          "server.document-root = \"" + dir.resolve("www") + "\"",
          "server.bind = \"127.0.0.1\"",
          "server.port = " + port,
          "server.errorlog = \"" + dir.resolve("error.log") + "\"",
          // no 1 s pause after a wrong password (brute-force damping): tests try wrong ones on purpose
          "server.feature-flags = (\"auth.delay-invalid-creds\" => \"disable\")",
          "server.modules = (\"mod_alias\", \"mod_setenv\", \"mod_auth\", \"mod_authn_file\", \"mod_cgi\")",
          "auth.backend = \"plain\"",
          "auth.backend.plain.userfile = \"" + dir.resolve("users") + "\"",
          "alias.url = (\"/git\" => \"/usr/lib/git-core/git-http-backend\")",
          "$HTTP[\"url\"] =~ \"^/git\" {",
          "  cgi.assign = (\"\" => \"\")",
          "  setenv.add-environment = (\"GIT_PROJECT_ROOT\" => \"" + dir.resolve("repos")
              + "\", \"GIT_HTTP_EXPORT_ALL\" => \"\")",
          "  auth.require = (\"\" => (\"method\" => \"basic\", \"realm\" => \"git\", \"require\" => \"valid-user\"))",
          "}", ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }
}
