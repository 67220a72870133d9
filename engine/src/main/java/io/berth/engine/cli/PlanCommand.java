package io.berth.engine.cli;

import io.berth.engine.planner.BuiltContext;
import io.berth.engine.planner.CommandErrors;
import io.berth.engine.planner.PlanRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth plan}: what an apply would change, as text, Markdown (PR comment) or JSON; the work is {@link PlanRun}'s. */
@Command(name = "plan", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = {"Compare the desired state with the state repository and show what apply would change.",
        "Exit code: 0 success (with --detailed-exitcode: no changes), 1 error, 2 changes (--detailed-exitcode)."})
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateOption state = new StateOption();

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--desired", paramLabel = "DIR", description = "The processor's output: target/classes,"
        + " a META-INF/berth/<stack> directory or a built Maven project.")
    Path desired;

    @Option(names = "--desired-from", paramLabel = "REV",
        description = "Plan back to the declared state at an earlier state commit (see berth history).")
    String desiredFrom;
  }

  @Option(names = "--stack", paramLabel = "NAME", description = "The stack to plan when DIR holds several.")
  String stack;

  @Option(names = "--only", paramLabel = "TYPE/NAME", description = "Plan only this resource and what it needs, as"
      + " terraform plan -target: service/NAME (or service/CLUSTER/NAME), task-definition/FAMILY, role/NAME,"
      + " cluster/NAME; repeatable. The rest of the stack stays as the last apply left it.")
  List<String> only = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE", description = "Also save the plan file for berth apply FILE.")
  Path out;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  PlanRun.Format format;

  @Option(names = "--comment-dir", paramLabel = "DIR", description = "Also write the Markdown rendering as"
      + " pull-request comments comment-1.md, comment-2.md... each below GitHub's 65,536-character limit and"
      + " opening with a hidden marker; post them with berth comment DIR.")
  Path commentDir;

  @Option(names = "--detailed-exitcode", description = "Exit 0 when there are no changes and 2 when there are.")
  boolean detailedExitCode;

  @Option(names = "--no-color", description = "Never colour the text output (also: NO_COLOR set).")
  boolean noColor;

  @Override
  public Integer call() {
    // an unusable --state or stack build is one error line, as for every state command
    return CommandErrors.run(spec.commandLine().getErr(), () -> {
      if (source.desired != null) {
        BuiltContext.check(source.desired, Optional.ofNullable(stack), Map.of(), System.getenv());
      }
      PlanRun.Request request = new PlanRun.Request(state.access(), Optional.ofNullable(source.desired),
          Optional.ofNullable(source.desiredFrom), Optional.ofNullable(stack), only, format, Output.colour(noColor),
          Optional.ofNullable(out), Optional.ofNullable(commentDir));
      PlanRun.Outcome outcome = PlanRun.run(request, spec.commandLine().getOut(), spec.commandLine().getErr());
      boolean changes = outcome.result().map(PlanRun.Result::changes).orElse(false);
      return outcome.exitCode() == 0 && detailedExitCode && changes ? 2 : outcome.exitCode();
    });
  }
}
