package io.berth.engine.cli;

import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Puts {@link LineFormatter} on java.util.logging's console handler, for the long-running commands
 * ({@code berth up}, {@code server}, {@code agent}) whose log a user reads. Only they call it: the
 * one-shot commands (plan, apply, ...) never set up java.util.logging at all.
 *
 * <p>A user's own configuration wins: with any of {@link #USER_SETTINGS} set, nothing changes, and a
 * console handler whose formatter is not the JDK default is left as it is. Levels stay as the JDK's
 * defaults set them (INFO and above, to stderr).
 */
public final class ConsoleLogging {
  /** Properties by which a user configures java.util.logging; any of them set, Berth installs nothing. */
  static final List<String> USER_SETTINGS = List.of("java.util.logging.config.file",
      "java.util.logging.config.class", "java.util.logging.SimpleFormatter.format");

  private ConsoleLogging() {}

  /** One line per record on the root logger's console handler, unless the user configured logging; idempotent. */
  public static void install() {
    for (String setting : USER_SETTINGS) {
      if (System.getProperty(setting) != null) {
        return;
      }
    }
    LogManager manager = LogManager.getLogManager();
    // SimpleFormatter also reads its format from the JDK's conf/logging.properties
    if (manager.getProperty("java.util.logging.SimpleFormatter.format") != null) {
      return;
    }
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      if (handler instanceof ConsoleHandler && handler.getFormatter().getClass() == SimpleFormatter.class) {
        handler.setFormatter(new LineFormatter());
      }
    }
  }
}
