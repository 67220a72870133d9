package io.berth.engine.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth help [COMMAND]}: the list of commands, or one command's help. picocli's own help
 * command ignores options it does not know ({@code berth help --no-such-flag} printed the list and
 * exited 0); this one refuses them like every other command.
 */
@Command(name = "help", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = "Show the help of a command (berth help plan), or the list of commands.")
final class HelpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "The command to show the help of.")
  String command;

  @Override
  public Integer call() {
    CommandLine berth = spec.commandLine().getParent();
    if (command == null) {
      berth.usage(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    CommandLine sub = berth.getSubcommands().get(command);
    if (sub == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Unknown command '" + command + "'; berth help lists"
          + " the commands");
    }
    sub.usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
