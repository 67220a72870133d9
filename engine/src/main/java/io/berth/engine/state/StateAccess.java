package io.berth.engine.state;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a state repository: where it is, where a remote one is cached, whether an SSH host
 * key not yet known may be trusted, and the environment credentials come from
 * ({@code BERTH_GIT_TOKEN}, {@code BERTH_GIT_USER}, {@code BERTH_GIT_PASSWORD[_FILE]},
 * {@code BERTH_GIT_SSH_KEY}, {@code HOME} for {@code ~/.ssh}). The environment is a parameter, not
 * {@link System#getenv()}, so that a caller decides what counts and tests can give their own.
 *
 * @param location where the state is
 * @param cacheRoot the directory holding the caches of remote states ({@code .berth/cache} by default)
 * @param acceptNewHostKey trust (and record in {@code ~/.ssh/known_hosts}) an SSH host key seen for
 *     the first time; a changed key is refused all the same
 * @param environment the variables credentials and identities are read from
 */
public record StateAccess(StateLocation location, Path cacheRoot, boolean acceptNewHostKey,
    Map<String, String> environment) {

  /** The default cache directory, relative to the working directory. */
  public static final String DEFAULT_CACHE = ".berth/cache";

  /** Copies the environment. */
  public StateAccess {
    Objects.requireNonNull(location, "location == null");
    Objects.requireNonNull(cacheRoot, "cacheRoot == null");
    environment = Map.copyOf(environment);
  }

  /** A local state directory, as {@code berth up} and the tests use. */
  public static StateAccess local(Path directory) {
    return new StateAccess(new StateLocation.Local(directory), Path.of(DEFAULT_CACHE), false, System.getenv());
  }

  /** {@code --state TEXT} (a directory or a Git URL), with the process's environment. */
  public static StateAccess parse(String text, Path cacheRoot, boolean acceptNewHostKey) {
    return new StateAccess(StateLocation.parse(text), cacheRoot, acceptNewHostKey, System.getenv());
  }

  /** The same access with another environment (tests; a control plane serving a client's apply). */
  public StateAccess withEnvironment(Map<String, String> variables) {
    return new StateAccess(location, cacheRoot, acceptNewHostKey, variables);
  }

  /** The local directory of a local state; empty for a remote one. */
  public Optional<Path> localDirectory() {
    return location instanceof StateLocation.Local local ? Optional.of(local.directory()) : Optional.empty();
  }

  /** True for a state on a Git remote. */
  public boolean isRemote() {
    return location instanceof StateLocation.Remote;
  }

  /** One environment variable, empty when unset or blank. */
  Optional<String> variable(String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /**
   * The bare repository that caches {@code remote}: {@code <cacheRoot>/<host-and-path>-<hash>}, a
   * readable name and 10 hex digits of the SHA-256 of the URL, so that two URLs never share one.
   */
  static Path cacheDirectory(Path cacheRoot, StateLocation.Remote remote) {
    String url = remote.url();
    String rest = url.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "").replaceFirst("^[^@/]*@", "");
    String slug = rest.toLowerCase(Locale.ROOT).replaceAll("\\.git/?$", "").replaceAll("[^a-z0-9._]+", "-")
        .replaceAll("^[-.]+|[-.]+$", "");
    if (slug.length() > 48) {
      slug = slug.substring(slug.length() - 48).replaceAll("^[-.]+", "");
    }
    return cacheRoot.resolve((slug.isEmpty() ? "state" : slug) + "-" + shortHash(url));
  }

  private static String shortHash(String url) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
