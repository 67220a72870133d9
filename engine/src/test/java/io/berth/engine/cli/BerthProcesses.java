package io.berth.engine.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
