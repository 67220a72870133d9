package io.berth.engine.cli;

import io.berth.engine.planner.CommandErrors;
import io.berth.engine.state.StateCommit;
import io.berth.engine.state.StateRepository;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth history}: the applies, newest first, with their summaries and plan ids. */
@Command(name = "history", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = "List the commits of the declared state, newest first (the audit trail).")
final class HistoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateOption state = new StateOption();

  @Option(names = {"-n", "--max-count"}, paramLabel = "N", defaultValue = "20",
      description = "Show at most N commits (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    return CommandErrors.run(spec.commandLine().getErr(), () -> {
      try (StateRepository repo = StateRepository.open(state.path())) {
        for (StateCommit commit : repo.history(limit)) {
          out.println(commit.shortId() + "  " + commit.time() + "  " + commit.summary()
              + commit.planId().map(id -> "  (" + id + ")").orElse(""));
        }
        out.flush();
        return 0;
      }
    });
  }
}
