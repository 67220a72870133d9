package io.berth.engine.cli;

import io.berth.engine.planner.BuildInfo;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code berth} command line: one launcher for plan/apply, the control plane, the host agent
 * and the local cluster, like Nomad's single binary. Each subcommand lives in its own class.
 *
 * <p>The subcommands are registered in code rather than in the annotation so that a one-shot
 * command such as {@code berth apply} builds only its own part of the tree: picocli inspects
 * every registered command's options and mixins up front, the largest single cost in a profile
 * of a cold {@code apply --desired}.
 */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = 1,
    versionProvider = BerthCli.Version.class,
    description = "Infrastructure as code for containers: plan, apply and run Berth stacks.")
public final class BerthCli implements Runnable {

  /** Every subcommand by its name, in the order {@code berth --help} lists them. */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Entry point of the launcher; exits with the subcommand's exit code. */
  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /** The whole command line, every subcommand registered. */
  public static CommandLine commandLine() {
    return withSubcommands(SUBCOMMANDS);
  }

  /**
   * The command line that runs {@code args} exactly as {@link #commandLine()} would: when the
   * first argument names a subcommand, only that one is registered, and {@code --version} alone
   * gets none. {@code help}, other options before a subcommand and unknown names get the whole
   * tree, since they list or suggest the others.
   */
  public static CommandLine commandLine(String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return withSubcommands(Map.of()); // the version alone needs no subcommand
    }
    Class<?> only = args.length == 0 || "help".equals(args[0]) ? null : SUBCOMMANDS.get(args[0]);
    return only == null ? commandLine() : withSubcommands(Map.of(args[0], only));
  }

  /**
   * Built-in picocli converters Berth never uses, as the regular expressions picocli's
   * {@code picocli.converters.excludes} property takes: every {@code java.time} option has its own
   * converter ({@link DurationConverter}), and no option is a {@code java.sql} type. picocli looks
   * those classes up reflectively on every start, and initialising {@code java.time}'s parsers was
   * the largest part of building a command line in a profile of a cold {@code berth apply}. One
   * pattern: picocli compiles it again for every converter it checks.
   */
  static final String UNUSED_CONVERTERS = "java\\.(time|sql)\\..*";

  private static CommandLine withSubcommands(Map<String, Class<?>> subcommands) {
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", UNUSED_CONVERTERS);
    }
    CommandLine cli = new CommandLine(new BerthCli());
    for (Map.Entry<String, Class<?>> subcommand : subcommands.entrySet()) {
      cli.addSubcommand(subcommand.getKey(), subcommand.getValue());
      // picocli asks each subcommand for its own version: every one answers with berth's
      cli.getSubcommands().get(subcommand.getKey()).getCommandSpec().versionProvider(new Version());
    }
    usageErrorsExitOne(cli);
    cli.setExecutionExceptionHandler(new Unexpected());
    return cli;
  }

  /**
   * Exit code 1 for a usage error (an unknown subcommand or option, a bad value) on every command:
   * 2 means only "changes present" ({@code plan --detailed-exitcode}), so a mistyped
   * {@code berth plam ... --detailed-exitcode} must not read as a plan with changes.
   */
  private static void usageErrorsExitOne(CommandLine command) {
    command.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.ERROR);
    command.getSubcommands().values().forEach(BerthCli::usageErrorsExitOne);
  }

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> all = new LinkedHashMap<>();
    all.put("help", HelpCommand.class);
    all.put("server", ServerCommand.class);
    all.put("up", UpCommand.class);
    all.put("down", DownCommand.class);
    all.put("ps", PsCommand.class);
    all.put("services", ServicesCommand.class);
    all.put("events", EventsCommand.class);
    all.put("logs", LogsCommand.class);
    all.put("images", ImagesCommand.class);
    all.put("wait", WaitCommand.class);
    all.put("instances", InstancesCommand.class);
    all.put("join-token", JoinTokenCommand.class);
    all.put("agent", AgentCommand.class);
    all.put("init", InitCommand.class);
    all.put("plan", PlanCommand.class);
    all.put("apply", ApplyCommand.class);
    all.put("destroy", DestroyCommand.class);
    all.put("history", HistoryCommand.class);
    all.put("show", ShowCommand.class);
    all.put("synth", SynthCommand.class);
    all.put("import", ImportCommand.class);
    all.put("comment", CommentCommand.class);
    all.put("version", VersionCommand.class);
    all.put("completion", CompletionCommand.class);
    return Collections.unmodifiableMap(all);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * What escapes a command is a bug, never the user's mistake (those are {@code error:} lines the
   * commands print themselves): one line saying so, exit code 1, and the stack trace only with
   * {@code BERTH_DEBUG} set, for the report.
   */
  static final class Unexpected implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
      PrintWriter err = command.getErr();
      String debug = System.getenv("BERTH_DEBUG");
      boolean trace = debug != null && !debug.isEmpty();
      err.println("error: berth " + command.getCommandName() + " stopped on an internal error, a bug in berth rather"
          + " than in your input; " + (trace ? "please report it with the details below"
          : "run it again with BERTH_DEBUG=1 to see the details, and report them"));
      if (trace) {
        e.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.ERROR;
    }
  }

  /** {@code --version} of every command: the same lines as {@code berth version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return VersionCommand.lines(BuildInfo.current(), Runtime.version().toString(),
          System.getProperty("java.vendor"), System.getProperty("java.home")).toArray(String[]::new);
    }
  }
}
