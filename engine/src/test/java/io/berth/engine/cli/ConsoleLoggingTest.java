package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.XMLFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which commands switch java.util.logging's console to one line per record, and when a user's own
 * configuration keeps it. Each test starts from the JDK's default: one console handler with the
 * SimpleFormatter on the root logger, none of the user's settings; the global state comes back after.
 */
class ConsoleLoggingTest {
  private final Logger root = Logger.getLogger("");
  private final Map<String, String> userSettings = new HashMap<>();
  private Handler[] handlers;
  private Level level;
  private ConsoleHandler console;

  @BeforeEach
  void startFromTheJdkDefault() {
    handlers = root.getHandlers();
    level = root.getLevel();
    for (Handler handler : handlers) {
      root.removeHandler(handler);
    }
    for (String setting : ConsoleLogging.USER_SETTINGS) {
      userSettings.put(setting, System.getProperty(setting));
      System.clearProperty(setting);
    }
    console = new ConsoleHandler();
    console.setFormatter(new SimpleFormatter());
    root.addHandler(console);
  }

  @AfterEach
  void restoreTheGlobalLoggingState() {
    root.removeHandler(console);
    for (Handler handler : handlers) {
      root.addHandler(handler);
    }
    root.setLevel(level);
    userSettings.forEach((setting, value) -> {
      if (value == null) {
        System.clearProperty(setting);
      } else {
        System.setProperty(setting, value);
      }
    });
  }

  @Test
  void withoutAUserConfigurationTheConsoleWritesOneLinePerRecordAtTheSameLevels() {
    Level handlerLevel = console.getLevel();

    ConsoleLogging.install();

    assertThat(console.getFormatter()).isInstanceOf(LineFormatter.class);
    assertThat(console.getLevel()).isEqualTo(handlerLevel);
    assertThat(root.getLevel()).isEqualTo(level);
    assertThat(root.getHandlers()).containsExactly(console);
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.util.logging.config.file", "java.util.logging.config.class",
      "java.util.logging.SimpleFormatter.format"})
  void aUsersOwnConfigurationIsLeftAlone(String setting) {
    assertThat(ConsoleLogging.USER_SETTINGS).contains(setting);
    System.setProperty(setting, "set by the user");
    Formatter before = console.getFormatter();

    ConsoleLogging.install();

    assertThat(console.getFormatter()).isSameAs(before);
    assertThat(root.getHandlers()).containsExactly(console);
  }

  @Test
  void aConsoleHandlerWithAnotherFormatterKeepsIt() {
    XMLFormatter xml = new XMLFormatter();
    console.setFormatter(xml);

    ConsoleLogging.install();

    assertThat(console.getFormatter()).isSameAs(xml);
  }

  @Test
  void installingTwiceKeepsTheFirstFormatter() {
    ConsoleLogging.install();
    Formatter first = console.getFormatter();

    ConsoleLogging.install();

    assertThat(console.getFormatter()).isInstanceOf(LineFormatter.class).isSameAs(first);
  }

  /**
   * Only the long-running commands install it: a plan (start-up sensitive) sets up no java.util.logging
   * and never loads the formatter, while a server that stops at a bad option already has.
   */
  @Test
  void onlyTheLongRunningCommandsLoadTheFormatter() throws Exception {
    String plan = loadedClasses("plan", "--desired", PlanApplyCliTest.V1.toString(), "--state", "/nonexistent");
    String server = loadedClasses("server", "--listen", "no-port");

    assertThat(plan).contains(PlanCommand.class.getName()).doesNotContain(ConsoleLogging.class.getName())
        .doesNotContain(LineFormatter.class.getName()).doesNotContain("java.util.logging.LogManager ");
    assertThat(server).contains("needs HOST:PORT").contains(LineFormatter.class.getName())
        .contains("java.util.logging.LogManager ");
  }

  private static String loadedClasses(String... args) throws Exception {
    List<String> command = PlanApplyCliTest.javaCommand(args);
    command.add(1, "-Xlog:class+load=info");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    return output;
  }
}
