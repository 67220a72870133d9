package io.berth.engine.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * One in-process run of the berth command line: exit code, stdout and stderr. The runtime commands
 * print to {@code System.out} and {@code System.err}, the state commands to picocli's writers: both
 * are captured, each stream in the order it was written.
 */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    return in(Path.of(""), args);
  }

  /** As {@link #of}, with {@code berth apply} looking for {@code .berth/up.json} in {@code workDirectory}. */
  static synchronized CliRun in(Path workDirectory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream systemOut = new ByteArrayOutputStream();
    ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    int code;
    System.setOut(new PrintStream(systemOut, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = BerthCli.commandLine(args);
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      CommandLine apply = cli.getSubcommands().get("apply");
      if (apply != null) {
        ((ApplyCommand) apply.getCommand()).workDirectory = workDirectory;
      }
      code = cli.execute(args);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    return new CliRun(code, out + systemOut.toString(StandardCharsets.UTF_8),
        err + systemErr.toString(StandardCharsets.UTF_8));
  }
}
