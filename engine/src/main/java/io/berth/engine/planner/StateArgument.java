package io.berth.engine.planner;

import io.berth.engine.state.Attribution;
import io.berth.engine.state.StateAccess;
import io.berth.engine.state.StateException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which state a command means and who its commits are attributed to, resolved alike for the
 * command line and the Maven plugin: the state given ({@code --state}, or the plugin's
 * {@code berth.state}), else {@code BERTH_STATE}, else {@value #DEFAULT}; a remote state's cache
 * given, else {@code BERTH_STATE_CACHE}, else {@value StateAccess#DEFAULT_CACHE}. Credentials never
 * come from here: {@link StateAccess} reads them from the environment.
 */
public final class StateArgument {
  /** The state repository when nothing names one. */
  public static final String DEFAULT = ".berth/state";

  private StateArgument() {}

  /** {@code given} when not blank, else {@code BERTH_STATE} from {@code environment}, else {@value #DEFAULT}. */
  public static String text(String given, Map<String, String> environment) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    return env(environment, "BERTH_STATE").orElse(DEFAULT);
  }

  /**
   * How to reach the state {@code given} names (see {@link #text}), caching a remote one under
   * {@code cache} (else {@code BERTH_STATE_CACHE}); a new SSH host key is trusted only with
   * {@code acceptNewHostKey} or {@code BERTH_GIT_ACCEPT_NEW_HOST_KEY=1}. A malformed location is an
   * {@link IllegalArgumentException} naming the fix.
   */
  public static StateAccess access(String given, Optional<Path> cache, boolean acceptNewHostKey,
      Map<String, String> environment) {
    Path cacheRoot = cache.or(() -> env(environment, "BERTH_STATE_CACHE").map(Path::of))
        .orElse(Path.of(StateAccess.DEFAULT_CACHE));
    boolean accept = acceptNewHostKey || env(environment, "BERTH_GIT_ACCEPT_NEW_HOST_KEY")
        .map(v -> v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes")).orElse(false);
    try {
      return StateAccess.parse(text(given, environment), cacheRoot, accept);
    } catch (StateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Who a commit is attributed to: {@code author}, else the CI's user, else the machine's Git identity. */
  public static Attribution attribution(Optional<String> author, Map<String, String> environment) {
    try {
      return Attribution.resolve(author, environment, Planner.toolVersion());
    } catch (StateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** As {@link #attribution}, from {@code author} or the CI only (no JGit: {@link Attribution#explicit}). */
  public static Optional<Attribution> explicitAttribution(Optional<String> author, Map<String, String> environment) {
    try {
      return Attribution.explicit(author, environment, Planner.toolVersion());
    } catch (StateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static Optional<String> env(Map<String, String> environment, String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
