package io.berth.engine.cli;

import io.berth.engine.planner.CommandErrors;
import io.berth.engine.planner.DesiredInput;
import io.berth.engine.planner.PlacementDryRun;
import io.berth.engine.planner.Planner;
import io.berth.engine.state.StateRepository;
import io.berth.model.DesiredState;
import io.berth.plans.Plan;
import io.berth.plans.diff.StateDiff;
import io.berth.plans.file.PlanFile;
import io.berth.plans.render.JsonRenderer;
import io.berth.plans.render.Markdown;
import io.berth.plans.render.MarkdownRenderer;
import io.berth.plans.render.TextRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth plan}: what an apply would change, as text, Markdown (PR comment) or JSON. */
@Command(name = "plan", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = {"Compare the desired state with the state repository and show what apply would change.",
        "Exit code: 0 success (with --detailed-exitcode: no changes), 1 error, 2 changes (--detailed-exitcode)."})
final class PlanCommand implements Callable<Integer> {
  /** Output formats of {@code --format}. */
  enum Format { text, markdown, json }

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

  @Option(names = "--out", paramLabel = "FILE", description = "Also save the plan file for berth apply FILE.")
  Path out;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--comment-dir", paramLabel = "DIR", description = "Also write the Markdown rendering as"
      + " pull-request comments comment-1.md, comment-2.md... each below GitHub's 65,536-character limit.")
  Path commentDir;

  @Option(names = "--detailed-exitcode", description = "Exit 0 when there are no changes and 2 when there are.")
  boolean detailedExitCode;

  @Option(names = "--no-color", description = "Never colour the text output (also: NO_COLOR set).")
  boolean noColor;

  private void writeComments(Plan plan) throws IOException {
    Files.createDirectories(commentDir);
    List<String> parts = Markdown.render(plan);
    for (int i = 0; i < parts.size(); i++) {
      Files.writeString(commentDir.resolve("comment-" + (i + 1) + ".md"), parts.get(i));
    }
    spec.commandLine().getErr().println("Wrote " + parts.size() + " pull-request comment(s) to " + commentDir);
  }

  @Override
  public Integer call() {
    return CommandErrors.run(spec.commandLine().getErr(), () -> {
      try (StateRepository repo = StateRepository.open(state.path())) {
        DesiredState desired = source.desired != null ? DesiredInput.read(source.desired, Optional.ofNullable(stack))
            : StateDiff.desiredFrom(repo.declaredAt(source.desiredFrom));
        Plan plan = new Planner(repo, new PlacementDryRun()).plan(desired);
        String rendered = switch (format) {
          case text -> TextRenderer.render(plan, Output.colour(noColor));
          case markdown -> MarkdownRenderer.render(plan);
          case json -> JsonRenderer.render(plan);
        };
        spec.commandLine().getOut().print(rendered);
        if (out != null) {
          Files.write(out, PlanFile.write(plan));
          spec.commandLine().getErr().println("Saved the plan to " + out + "; apply it with: berth apply " + out);
        }
        if (commentDir != null) {
          writeComments(plan);
        }
        spec.commandLine().getOut().flush();
        return detailedExitCode && plan.hasChanges() ? 2 : 0;
      }
    });
  }
}
