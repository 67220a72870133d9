package io.berth.engine.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --state} option shared by the state commands: flag, then {@code BERTH_STATE}, then {@code .berth/state}. */
final class StateOption {
  static final String DEFAULT = ".berth/state";

  @Option(names = "--state", paramLabel = "REPO",
      description = "State repository (a bare Git repository). Default: $BERTH_STATE, else " + DEFAULT + ".")
  Path state;

  Path path() {
    if (state != null) {
      return state;
    }
    String env = System.getenv("BERTH_STATE");
    return env == null || env.isBlank() ? Path.of(DEFAULT) : Path.of(env);
  }
}
