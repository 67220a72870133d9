package io.berth.maven;

import io.berth.engine.planner.BuildInfo;
import io.berth.engine.planner.StateArgument;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the Berth goals share: the state repository parameter, {@code berth.skip}, and the way a
 * run of Berth's code is reported in a Maven build. The rendered plan goes to standard output
 * byte for byte as {@code berth} prints it; the lines {@code berth} writes to standard error become
 * the build's log lines, and a failure (exit code 1) fails the goal with Berth's own message.
 */
abstract class BerthMojo extends AbstractMojo {
  /** The state repository; default {@code BERTH_STATE}, else {@code .berth/state}, as for {@code berth}. */
  @Parameter(property = "berth.state")
  String state;

  /** Skips the goal. */
  @Parameter(property = "berth.skip", defaultValue = "false")
  boolean skip;

  /** One run of Berth's code: writes to {@code out} and {@code err}, returns its exit code. */
  @FunctionalInterface
  interface Run {
    int run(PrintWriter out, PrintWriter err) throws MojoFailureException;
  }

  /** The state repository this goal uses. */
  Path statePath() {
    return StateArgument.resolve(state, System.getenv());
  }

  /**
   * Runs {@code run} with standard output as its {@code out}; its {@code err} lines are logged, and
   * an exit code other than 0 fails the goal with them as the message.
   */
  void report(String doing, Run run) throws MojoFailureException {
    getLog().info(BuildInfo.current().line() + ": " + doing);
    StringWriter err = new StringWriter();
    PrintWriter out = new PrintWriter(System.out);
    int exit;
    try {
      exit = run.run(out, new PrintWriter(err, true));
    } finally {
      out.flush();
    }
    if (exit != 0) {
      throw new MojoFailureException(err.toString().replaceFirst("^error: ", "").strip());
    }
    for (String line : err.toString().lines().filter(l -> !l.isBlank()).toList()) {
      if (line.contains("warning: ")) {
        getLog().warn(line);
      } else {
        getLog().info(line);
      }
    }
  }
}
