package io.berth.engine.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Berth commands in processes of their own (as an operator starts a server and agents), for end-to-end tests. */
final class BerthProcesses {
  private BerthProcesses() {}

  /** Starts {@code berth COMMAND ARGS} on this test's class path, its output in {@code log}. */
  static Process start(Path log, String command, String... args) throws IOException {
    List<String> line = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-XX:+UseSerialGC", "-Xmx384m", "-cp", System.getProperty("java.class.path"), BerthCli.class.getName(), command));
    line.addAll(List.of(args));
    return new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** The first group of {@code pattern} once it shows in {@code log}; fails after 60 s. */
  static String awaitMatch(Path log, Pattern pattern) throws InterruptedException, IOException {
    for (int i = 0; i < 600; i++) {
      if (Files.exists(log)) {
        Matcher m = pattern.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (m.find()) {
          return m.group(1);
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("nothing matched " + pattern + " in " + log);
  }

  /**
   * Polls {@code condition} (an exception counts as not yet) until it holds, or fails after
   * {@code timeout} with the control plane's {@code events} and the last lines of every log in {@code work}.
   */
  static void await(Duration timeout, BooleanSupplier condition, String what, Path work, Supplier<String> events)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // ask again
      }
      Thread.sleep(250);
    }
    StringBuilder logs = new StringBuilder();
    try (var files = Files.list(work)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        List<String> lines = Files.readAllLines(log);
        logs.append("\n--- ").append(log.getFileName()).append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
      }
    }
    throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; events: "
        + events.get() + logs);
  }
}
