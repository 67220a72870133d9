package io.berth.engine.cli;

import io.berth.engine.planner.CommandErrors;
import io.berth.engine.state.StateCommit;
import io.berth.engine.state.StateRepository;
import io.berth.json.BerthJson;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.plans.DeclaredState;
import io.berth.plans.TaskDefinitionRevision;
import java.io.PrintWriter;
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

/** {@code berth show [REV]}: the declared state at a commit, as a summary or as JSON. */
@Command(name = "show", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = "Show the declared state at a state commit (default: the tip of main).")
final class ShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateOption state = new StateOption();

  @Parameters(arity = "0..1", paramLabel = "REV", defaultValue = "main",
      description = "A commit id (or prefix) from berth history, or main~N.")
  String revision;

  @Option(names = "--json", description = "Print the declared state as JSON.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    return CommandErrors.run(spec.commandLine().getErr(), () -> {
      try (StateRepository repo = StateRepository.open(state.access())) {
        DeclaredState declared = repo.declaredAt(revision);
        if (json) {
          out.println(BerthJson.mapper().writeValueAsString(declared));
        } else {
          StateCommit commit = repo.describe(revision);
          out.println("state " + commit.shortId() + "  " + commit.time() + "  " + commit.summary());
          out.println("stack:            " + (declared.stack().isEmpty() ? "(nothing applied yet)" : declared.stack()));
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
