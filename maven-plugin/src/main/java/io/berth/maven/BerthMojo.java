package io.berth.maven;

import io.berth.dsl.StackContext;
import io.berth.engine.planner.BuildInfo;
import io.berth.engine.planner.BuiltContext;
import io.berth.engine.planner.StateArgument;
import io.berth.engine.state.StateAccess;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.Properties;
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

  /** Where a remote state is cached between runs; default {@code BERTH_STATE_CACHE}, else {@code .berth/cache}. */
  @Parameter(property = "berth.stateCache")
  File stateCache;

  /** Trust an SSH host key seen for the first time (also {@code BERTH_GIT_ACCEPT_NEW_HOST_KEY=1}). */
  @Parameter(property = "berth.acceptNewHostKey", defaultValue = "false")
  boolean acceptNewHostKey;

  /** Skips the goal. */
  @Parameter(property = "berth.skip", defaultValue = "false")
  boolean skip;

  /** The build's user properties: {@code -Dberth.context.env=prod} on Maven's command line. */
  @Parameter(defaultValue = "${session.userProperties}", readonly = true)
  Properties userProperties;

  /** One run of Berth's code: writes to {@code out} and {@code err}, returns its exit code. */
  @FunctionalInterface
  interface Run {
    int run(PrintWriter out, PrintWriter err) throws MojoFailureException;
  }

  /** The state this goal uses, local or remote, as {@code berth --state} resolves it. */
  StateAccess stateAccess() throws MojoFailureException {
    try {
      return StateArgument.access(state, Optional.ofNullable(stateCache).map(File::toPath), acceptNewHostKey,
          System.getenv());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage());
    }
  }

  /**
   * Refuses a stack under {@code desired} built with other context values than this build's
   * {@code -Dberth.context.*} and {@code BERTH_CONTEXT_*} give ({@link BuiltContext}).
   */
  void checkBuiltContext(File desired, Optional<String> stack) throws MojoFailureException {
    try {
      BuiltContext.check(desired.toPath(), stack, StackContext.properties(userProperties), System.getenv());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage());
    }
  }

  /** The state's name in log lines. */
  String stateName() {
    return StateArgument.text(state, System.getenv());
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
