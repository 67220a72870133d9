package io.berth.engine.cli;

import io.berth.engine.planner.BuildInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code berth version} (and {@code --version} on any command): this Berth's version, its commit and the Java runtime. */
@Command(name = "version", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = "Print Berth's version, the commit it was built from and the Java runtime running it.")
final class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    for (String line : spec.commandLine().getCommandSpec().version()) {
      spec.commandLine().getOut().println(line);
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The lines printed: {@code berth 0.1.0}, {@code commit ...}, {@code java 17.0.15+6 (vendor) at java.home}. */
  static List<String> lines(BuildInfo build, String javaVersion, String vendor, String javaHome) {
    return List.of("berth " + build.version(), "commit " + build.commit(),
        "java " + javaVersion + " (" + vendor + ") at " + javaHome);
  }
}
