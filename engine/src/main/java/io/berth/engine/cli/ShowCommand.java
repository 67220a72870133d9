package io.berth.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.engine.planner.ApplyRun;
import io.berth.engine.planner.CommandErrors;
import io.berth.engine.planner.PlanRun;
import io.berth.engine.state.StateCommit;
import io.berth.engine.state.StateRepository;
import io.berth.json.BerthJson;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.plans.DeclaredState;
import io.berth.plans.Plan;
import io.berth.plans.TaskDefinitionRevision;
import io.berth.plans.file.PlanFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth show [REV]}: the declared state at a commit, as a summary or as JSON; {@code berth
 * show --plan FILE}: a saved plan, rendered as {@code berth plan} rendered it (as {@code terraform
 * show} does).
 */
@Command(name = "show", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = {"Show the declared state at a state commit (default: the tip of main),",
        "or a saved plan file (--plan FILE) as berth plan showed it."})
final class ShowCommand implements Callable<Integer> {
  /** The version of the {@code --json} document of a declared state; a change that removes or renames a member raises it. */
  static final int JSON_FORMAT_VERSION = 1;

  @Spec CommandSpec spec;
  @Mixin StateOption state = new StateOption();

  @Parameters(arity = "0..1", paramLabel = "REV",
      description = "A commit id (or prefix) from berth history, or main~N (default: main).")
  String revision;

  @Option(names = "--json", description = "Print as JSON: the declared state ({\"formatVersion\": 1, \"commit\": ...,"
      + " \"stack\": ...}), or with --plan the plan document (as --format json).")
  boolean json;

  @Option(names = "--stack", paramLabel = "NAME", description = "Only this stack's declared state (default: every"
      + " stack the commit holds).")
  String stack;

  @Option(names = "--plan", paramLabel = "FILE", description = "Show the plan file berth plan --out wrote instead of a"
      + " state commit; nothing is read from the state repository.")
  Path plan;

  @Option(names = "--format", paramLabel = "FORMAT", description = "With --plan: ${COMPLETION-CANDIDATES} (default: text).")
  PlanRun.Format format;

  @Option(names = "--no-color", description = "Never colour the text output (also: NO_COLOR set).")
  boolean noColor;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    return CommandErrors.run(spec.commandLine().getErr(), () -> {
      if (plan != null) {
        return showPlan(out);
      }
      if (format != null) {
        throw new IllegalArgumentException("--format is for a saved plan (berth show --plan FILE --format " + format
            + "); a state commit shows as a summary or with --json");
      }
      String rev = revision == null ? "main" : revision;
      try (StateRepository repo = StateRepository.open(state.access())) {
        List<String> stacks = repo.stacks(rev);
        if (stack != null) {
          PlanRun.requireStack(stacks, rev, stack);
          stacks = List.of(stack);
        }
        DeclaredState declared = stack == null ? repo.declaredAt(rev) : repo.declaredAt(rev, stack);
        if (json) {
          ObjectNode document = BerthJson.mapper().createObjectNode();
          document.put("formatVersion", JSON_FORMAT_VERSION);
          document.put("commit", repo.describe(rev).id());
          document.set("stacks", BerthJson.mapper().valueToTree(stacks));
          document.setAll((ObjectNode) BerthJson.mapper().valueToTree(declared));
          out.println(BerthJson.mapper().writeValueAsString(document));
        } else {
          StateCommit commit = repo.describe(rev);
          out.println("state " + commit.shortId() + "  " + commit.time() + "  " + commit.summary());
          // several stacks show as one state (what the control plane runs), named by each stack
          out.println((stacks.size() > 1 ? "stacks:           " : "stack:            ")
              + (stacks.isEmpty() ? "(nothing applied yet)" : String.join(", ", stacks)));
          out.println("roles:            " + names(declared.roles(), r -> r.name()));
          out.println("clusters:         " + names(declared.clusters(), c -> c.name()));
          out.println("task definitions: " + names(declared.taskDefinitions(), TaskDefinitionRevision::arn));
          out.println("services:         " + names(declared.services(), ShowCommand::service));
          out.println("scaling:          " + names(declared.scaling(), ShowCommand::scaling));
        }
        out.flush();
        return 0;
      }
    });
  }

  /** The saved plan as text, Markdown or the JSON document, exactly as berth plan rendered it. */
  private int showPlan(PrintWriter out) {
    if (revision != null) {
      throw new IllegalArgumentException("give either a state commit (berth show " + revision + ") or a plan file"
          + " (berth show --plan " + plan + "), not both");
    }
    if (stack != null) {
      throw new IllegalArgumentException("--stack picks a stack of a state commit (berth show --stack " + stack
          + "); a saved plan shows whole (berth show --plan " + plan + ")");
    }
    Plan saved = PlanFile.readPlan(ApplyRun.readPlan(plan), plan.toString());
    PlanRun.Format as = json ? PlanRun.Format.json : format == null ? PlanRun.Format.text : format;
    out.print(PlanRun.render(saved, as, Output.colour(noColor)));
    out.flush();
    return ExitCodes.OK;
  }

  private static <T> String names(List<T> values, Function<T, String> name) {
    return values.isEmpty() ? "-" : values.stream().map(name).collect(Collectors.joining(", "));
  }

  private static String service(Service s) {
    return DeclaredState.key(s) + " (" + s.taskDefinition() + s.desiredCount().map(c -> " x" + c).orElse("") + ")";
  }

  private static String scaling(ServiceScaling s) {
    return DeclaredState.key(s) + " (" + s.minCapacity() + ".." + s.maxCapacity() + ")";
  }
}
