package io.berth.engine.cli;

import io.berth.engine.planner.CommandErrors;
import io.berth.engine.state.StateRepository;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code berth init}: creates the state repository (or says it is already there). */
@Command(name = "init", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = "Create an empty state repository (a bare Git repository, branch main).")
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateOption state = new StateOption();

  @Override
  public Integer call() {
    return CommandErrors.run(spec.commandLine().getErr(), () -> {
      boolean existed = Files.isDirectory(state.path());
      try (StateRepository repo = StateRepository.init(state.path())) {
        spec.commandLine().getOut().println((existed ? "State repository already initialised at " : "Initialised an"
            + " empty Berth state repository at ") + state.path() + " (main at " + repo.tip().orElse("none") + ")");
        spec.commandLine().getOut().println("Next: berth plan --desired <project>/target/classes --out plan.json");
      }
      return 0;
    });
  }
}
