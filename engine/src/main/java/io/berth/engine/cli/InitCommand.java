package io.berth.engine.cli;

import io.berth.engine.planner.CommandErrors;
import io.berth.engine.state.StateRepository;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code berth init}: creates the state, locally or in an empty Git remote (or says it is already there). */
@Command(name = "init", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = {"Create an empty state repository (a bare Git repository, branch main),",
        "in a directory or in an empty Git remote (--state URL)."})
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateOption state = new StateOption();

  @Override
  public Integer call() {
    return CommandErrors.run(spec.commandLine().getErr(), () -> {
      PrintWriter out = spec.commandLine().getOut();
      try (StateRepository repo = StateRepository.init(state.access(), Clock.systemUTC(),
          StateOption.attribution(Optional.empty()))) {
        String what = repo.isRemote() ? "state " + repo.where() + " (cache " + repo.directory() + ")"
            : "state repository at " + repo.where();
        out.println((repo.created() ? "Initialised an empty Berth " + what : "The Berth " + what + " is already"
            + " initialised") + " (main at " + repo.tip().orElse("none") + ")");
        out.println("Next: berth plan --desired <project>/target/classes" + (repo.isRemote() ? " --state "
            + repo.where() : "") + " --out plan.json");
      }
      return 0;
    });
  }
}
