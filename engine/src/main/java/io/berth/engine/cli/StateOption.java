package io.berth.engine.cli;

import io.berth.engine.planner.StateArgument;
import io.berth.engine.state.Attribution;
import io.berth.engine.state.StateAccess;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options naming the state shared by the state commands: {@code --state} (flag, then
 * {@code BERTH_STATE}, then {@code .berth/state}): a local directory or a Git URL; where a remote
 * state is cached; whether a new SSH host key may be trusted. Credentials are never options: they
 * come from the environment (see {@link StateAccess}).
 */
final class StateOption {
  static final String DEFAULT = StateArgument.DEFAULT;

  @Option(names = "--state", paramLabel = "REPO",
      description = "State repository: a directory (a bare Git repository) or a Git URL (file://, git://, ssh://,"
          + " user@host:path, https://). Default: $BERTH_STATE, else " + DEFAULT + ".")
  String state;

  @Option(names = "--state-cache", paramLabel = "DIR",
      description = "Where a remote state is cached between runs. Default: $BERTH_STATE_CACHE, else "
          + StateAccess.DEFAULT_CACHE + ".")
  Path cache;

  @Option(names = "--accept-new-host-key", description = "Trust an SSH host key seen for the first time and add it"
      + " to ~/.ssh/known_hosts (also: BERTH_GIT_ACCEPT_NEW_HOST_KEY=1). A changed key is always refused.")
  boolean acceptNewHostKey;

  /** The {@code --state} value as given (or its default). */
  String text() {
    return StateArgument.text(state, System.getenv());
  }

  /** How to reach the state, with this process's environment for credentials. */
  StateAccess access() {
    return StateArgument.access(state, Optional.ofNullable(cache), acceptNewHostKey, System.getenv());
  }

  /** Who a commit is attributed to: {@code --author}, else the CI's user, else the machine's Git identity. */
  static Attribution attribution(Optional<String> author) {
    return StateArgument.attribution(author, System.getenv());
  }

  /** As {@link #attribution}, from {@code --author} or the CI only (no JGit). */
  static Optional<Attribution> explicitAttribution(Optional<String> author) {
    return StateArgument.explicitAttribution(author, System.getenv());
  }
}
