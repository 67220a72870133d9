package io.berth.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code berth} command line: one launcher for plan/apply, the control plane, the host agent
 * and the local cluster, like Nomad's single binary. Each subcommand lives in its own class.
 */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    versionProvider = BerthCli.Version.class,
    description = "Infrastructure as code for containers: plan, apply and run Berth stacks.",
    subcommands = {
        CommandLine.HelpCommand.class,
        ServerCommand.class,
        UpCommand.class,
        DownCommand.class,
        PsCommand.class,
        ServicesCommand.class,
        EventsCommand.class,
        LogsCommand.class,
        ImagesCommand.class,
        WaitCommand.class,
        io.berth.engine.agent.AgentCommand.class,
        InitCommand.class,
        PlanCommand.class,
        ApplyCommand.class,
        HistoryCommand.class,
        ShowCommand.class,
        SynthCommand.class,
        ImportCommand.class,
    })
public final class BerthCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Entry point of the launcher; exits with the subcommand's exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** A configured command line, for the launcher and for tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new BerthCli());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Reads the version from the jar manifest, falling back to "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = BerthCli.class.getPackage().getImplementationVersion();
      return new String[] {"berth " + (version == null ? "dev" : version)};
    }
  }
}
