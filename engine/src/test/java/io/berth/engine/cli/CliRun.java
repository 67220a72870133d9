package io.berth.engine.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** One in-process run of the berth command line: exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    return in(Path.of(""), args);
  }

  /** As {@link #of}, with {@code berth apply} looking for {@code .berth/up.json} in {@code workDirectory}. */
  static CliRun in(Path workDirectory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = BerthCli.commandLine(args);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    CommandLine apply = cli.getSubcommands().get("apply");
    if (apply != null) {
      ((ApplyCommand) apply.getCommand()).workDirectory = workDirectory;
    }
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
