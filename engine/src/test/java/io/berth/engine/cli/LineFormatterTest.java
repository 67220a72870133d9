package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one-line log records of berth up, server and agent. */
class LineFormatterTest {
  private static final Instant AT = Instant.parse("2026-12-03T09:47:08.123Z");
  private static final String NL = System.lineSeparator();

  private final LineFormatter formatter = new LineFormatter(ZoneOffset.UTC);

  private static LogRecord record(Level level, String logger, String message, Object... parameters) {
    LogRecord record = new LogRecord(level, message);
    record.setInstant(AT);
    record.setLoggerName(logger);
    record.setParameters(parameters.length == 0 ? null : parameters);
    return record;
  }

  @Test
  void aRecordIsOneLineOfTimeLevelShortLoggerNameAndMessage() {
    String line = formatter.format(record(Level.INFO, "io.berth.engine.agent.Agent",
        "task bench-bench-1 (bench:1) is RUNNING"));

    assertThat(line).isEqualTo("2026-12-03 09:47:08.123 INFO  agent: task bench-bench-1 (bench:1) is RUNNING" + NL);
  }

  @Test
  void parametersAreFilledInAsJavaUtilLoggingFillsThem() {
    String line = formatter.format(record(Level.WARNING, "io.berth.engine.docker.TaskRun",
        "task {0}: {1} retries left", "web-1", 3));

    assertThat(line).isEqualTo("2026-12-03 09:47:08.123 WARN  task-run: task web-1: 3 retries left" + NL);
  }

  @Test
  void aMessageWithoutParametersKeepsItsBraces() {
    String line = formatter.format(record(Level.INFO, "io.berth.engine.agent.Agent", "answer {0} was {\"a\":1}"));

    assertThat(line).isEqualTo("2026-12-03 09:47:08.123 INFO  agent: answer {0} was {\"a\":1}" + NL);
  }

  @Test
  void aThrownExceptionsStackTraceFollowsOnTheNextLines() {
    IllegalStateException cause = new IllegalStateException("connection refused");
    cause.setStackTrace(new StackTraceElement[] {new StackTraceElement("io.berth.engine.api.Client", "sync", "Client.java", 42)});
    RuntimeException thrown = new RuntimeException("sync failed", cause);
    thrown.setStackTrace(new StackTraceElement[] {new StackTraceElement("io.berth.engine.agent.Agent", "loop", "Agent.java", 264)});
    LogRecord record = record(Level.SEVERE, "io.berth.engine.agent.Agent", "agent i-1 sync failed");
    record.setThrown(thrown);

    String lines = formatter.format(record);

    assertThat(lines).isEqualTo("2026-12-03 09:47:08.123 ERROR agent: agent i-1 sync failed" + NL
        + "java.lang.RuntimeException: sync failed" + NL
        + "\tat io.berth.engine.agent.Agent.loop(Agent.java:264)" + NL
        + "Caused by: java.lang.IllegalStateException: connection refused" + NL
        + "\tat io.berth.engine.api.Client.sync(Client.java:42)" + NL);
  }

  /** A record that fails the test the moment anyone asks where it was logged from. */
  private static final class SourceUnknown extends LogRecord {
    SourceUnknown() {
      super(Level.INFO, "agent registered");
      setInstant(AT);
      setLoggerName("io.berth.engine.agent.Agent");
    }

    @Override
    public String getSourceClassName() {
      throw new AssertionError("the formatter asked for the source class: java.util.logging walks the stack for it");
    }

    @Override
    public String getSourceMethodName() {
      throw new AssertionError("the formatter asked for the source method: java.util.logging walks the stack for it");
    }
  }

  @Test
  void theSourceClassAndMethodAreNeverAskedFor() {
    assertThatThrownBy(() -> new SimpleFormatter().format(new SourceUnknown()))
        .as("the JDK's formatter asks, so the probe works").isInstanceOf(AssertionError.class);

    assertThat(formatter.format(new SourceUnknown())).isEqualTo("2026-12-03 09:47:08.123 INFO  agent: agent registered" + NL);
  }

  @Test
  void theTimeIsTheFormattersZonesLocalTime() {
    String line = new LineFormatter(ZoneId.of("Asia/Kolkata")).format(record(Level.INFO, "io.berth.engine.agent.Agent", "up"));

    assertThat(line).startsWith("2026-12-03 15:17:08.123 INFO  agent: up");
  }

  @ParameterizedTest(name = "{0} reads {1}")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
      SEVERE|ERROR
      WARNING|WARN\s
      INFO|INFO\s
      CONFIG|DEBUG
      FINE|DEBUG
      FINER|TRACE
      FINEST|TRACE
      """)
  void levelsReadAsSystemLoggerLevelsPaddedToFive(String level, String label) {
    assertThat(formatter.format(record(Level.parse(level), "io.berth.engine.agent.Agent", "m")))
        .isEqualTo("2026-12-03 09:47:08.123 " + label + " agent: m" + NL);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(textBlock = """
      io.berth.engine.agent.Agent,               agent
      io.berth.engine.docker.TaskRun,            task-run
      io.berth.engine.agent.UtilizationSampler,  utilization-sampler
      io.berth.engine.server.HTTPServer,         http-server
      io.berth.engine.agent.Agent2Sync,          agent2-sync
      io.berth,                                  berth
      Agent,                                     agent
      """)
  void theLoggerIsNamedByItsLastSegmentInKebabCase(String logger, String shortName) {
    assertThat(formatter.format(record(Level.INFO, logger, "m"))).contains(" INFO  " + shortName + ": m");
  }

  @Test
  void theRootLoggerIsNamedRoot() {
    assertThat(formatter.format(record(Level.INFO, "", "m"))).isEqualTo("2026-12-03 09:47:08.123 INFO  root: m" + NL);
    assertThat(formatter.format(record(Level.INFO, null, "m"))).isEqualTo("2026-12-03 09:47:08.123 INFO  root: m" + NL);
  }
}
