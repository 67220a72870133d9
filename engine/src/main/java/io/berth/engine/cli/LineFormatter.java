package io.berth.engine.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per log record for the long-running commands ({@code berth up}, {@code server},
 * {@code agent}), a thrown exception's stack trace on the lines after it:
 *
 * <pre>2026-12-03 09:47:08.123 INFO  agent: task bench-bench-1 (bench:1) is RUNNING</pre>
 *
 * <p>It exists because the JDK's {@code SimpleFormatter} spreads each record over two lines and
 * asks every record for its source class and method, which makes java.util.logging walk the
 * logging thread's stack: 13% of the task threads' CPU in a profile of a 20-task rollout. This
 * formatter never asks ({@link LogRecord#getSourceClassName()} is not called), names the logger by
 * its last segment instead ({@code io.berth.engine.docker.TaskRun} is {@code task-run}) and
 * formats the time with one cached {@link DateTimeFormatter}. Levels read as
 * {@link System.Logger.Level}'s, padded to five: {@code ERROR}, {@code WARN}, {@code INFO},
 * {@code DEBUG} (also {@code CONFIG}), {@code TRACE}.
 */
public final class LineFormatter extends Formatter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final DateTimeFormatter time;
  private final Map<String, String> shortNames = new ConcurrentHashMap<>();

  /** Times in the machine's time zone, as a user reading the log next to the clock expects. */
  public LineFormatter() {
    this(ZoneId.systemDefault());
  }

  LineFormatter(ZoneId zone) {
    this.time = TIME.withZone(zone);
  }

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(128);
    time.formatTo(record.getInstant(), line);
    line.append(' ').append(level(record.getLevel())).append(' ').append(shortName(record.getLoggerName()))
        .append(": ").append(formatMessage(record)).append(System.lineSeparator());
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }

  /** System.Logger's names, which Berth's code logs with, padded so that the messages line up. */
  private static String level(Level level) {
    int value = level.intValue();
    if (value >= Level.SEVERE.intValue()) {
      return "ERROR";
    } else if (value >= Level.WARNING.intValue()) {
      return "WARN ";
    } else if (value >= Level.INFO.intValue()) {
      return "INFO ";
    } else if (value >= Level.FINE.intValue()) {
      return "DEBUG";
    }
    return "TRACE";
  }

  private String shortName(String loggerName) {
    if (loggerName == null || loggerName.isEmpty()) {
      return "root";
    }
    return shortNames.computeIfAbsent(loggerName, LineFormatter::kebab);
  }

  /** {@code io.berth.engine.docker.TaskRun} is {@code task-run}, {@code HTTPServer} {@code http-server}. */
  static String kebab(String loggerName) {
    String last = loggerName.substring(loggerName.lastIndexOf('.') + 1);
    StringBuilder name = new StringBuilder(last.length() + 4);
    for (int i = 0; i < last.length(); i++) {
      char c = last.charAt(i);
      if (i > 0 && Character.isUpperCase(c)) {
        char before = last.charAt(i - 1);
        boolean wordEnds = Character.isLowerCase(before) || Character.isDigit(before);
        boolean acronymEnds = Character.isUpperCase(before) && i + 1 < last.length()
            && Character.isLowerCase(last.charAt(i + 1));
        if (wordEnds || acronymEnds) {
          name.append('-');
        }
      }
      name.append(Character.toLowerCase(c));
    }
    return name.toString();
  }
}
