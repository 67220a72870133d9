package io.berth.engine.cli;

import io.berth.engine.planner.StateArgument;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --state} option shared by the state commands: flag, then {@code BERTH_STATE}, then {@code .berth/state}. */
final class StateOption {
  static final String DEFAULT = StateArgument.DEFAULT;

  @Option(names = "--state", paramLabel = "REPO",
      description = "State repository (a bare Git repository). Default: $BERTH_STATE, else " + DEFAULT + ".")
  Path state;

  Path path() {
    return StateArgument.resolve(state == null ? null : state.toString(), System.getenv());
  }
}
