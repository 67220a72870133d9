package io.berth.engine.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth completion bash|zsh}: the shell completion script picocli generates from the whole
 * command tree. One script serves both shells: picocli's script loads zsh's {@code bashcompinit}
 * when zsh sources it.
 */
@Command(name = "completion", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = {"Print a shell completion script for berth.",
        "bash: source <(berth completion bash)    zsh: source <(berth completion zsh)",
        "(or save it as a file your shell loads at start-up)"})
final class CompletionCommand implements Callable<Integer> {
  /** The shells the script serves. */
  enum Shell { bash, zsh }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("berth", BerthCli.commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
