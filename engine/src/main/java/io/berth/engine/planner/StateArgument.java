package io.berth.engine.planner;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which state repository a command means: the one it was given ({@code --state}, or the Maven
 * plugin's {@code berth.state}), else {@code BERTH_STATE}, else {@value #DEFAULT}. The command line
 * and the Maven plugin resolve it alike.
 */
public final class StateArgument {
  /** The state repository when nothing names one. */
  public static final String DEFAULT = ".berth/state";

  private StateArgument() {}

  /** {@code given} when not null, else {@code BERTH_STATE} from {@code environment}, else {@value #DEFAULT}. */
  public static Path resolve(String given, Map<String, String> environment) {
    if (given != null) {
      return Path.of(given);
    }
    String env = environment.get("BERTH_STATE");
    return env == null || env.isBlank() ? Path.of(DEFAULT) : Path.of(env);
  }
}
