package io.berth.engine.cli;

import io.berth.engine.planner.DestroyRun;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth destroy --stack NAME}: plan (and with --auto-approve, apply) removing one stack; see {@link DestroyRun}. */
@Command(name = "destroy", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = {"Plan removing every resource of one stack from the state; other stacks are not touched.",
        "Review the plan, then apply it with --auto-approve, or save it with --out FILE for berth apply FILE."})
final class DestroyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateOption state = new StateOption();

  @Option(names = "--stack", paramLabel = "NAME", required = true, description = "The stack to destroy.")
  String stack;

  @Option(names = "--out", paramLabel = "FILE", description = "Save the plan file for berth apply FILE.")
  Path out;

  @Option(names = "--auto-approve", description = "Apply the plan at once, without a separate review.")
  boolean autoApprove;

  @Option(names = "--author", paramLabel = "\"NAME <EMAIL>\"", description = "Who the state commit is attributed to"
      + " (default: the CI system's user, GIT_AUTHOR_NAME/EMAIL, the Git identity, or login@host).")
  String author;

  @Option(names = "--no-color", description = "Never colour the text output (also: NO_COLOR set).")
  boolean noColor;

  @Override
  public Integer call() {
    return DestroyRun.run(state.access(), stack, Optional.ofNullable(out), autoApprove, Output.colour(noColor),
        StateOption.attribution(Optional.ofNullable(author)), spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
