package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code berth <subcommand> ...} registers only that subcommand (a cold start builds a twentieth of
 * the picocli tree), and must behave exactly as the whole tree does: same help, same errors, same
 * exit codes. Anything else gets the whole tree.
 */
class CommandTreeTest {

  /** One run on a given command line: exit code, stdout and stderr. */
  private static CliRun run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void eachSubcommandIsRegisteredUnderTheNameItsAnnotationDeclares() {
    for (Map.Entry<String, Class<?>> entry : BerthCli.SUBCOMMANDS.entrySet()) {
      assertThat(entry.getValue().getAnnotation(Command.class).name()).as(entry.getValue().getName())
          .isEqualTo(entry.getKey());
    }
    assertThat(BerthCli.commandLine().getSubcommands().keySet())
        .containsExactlyElementsOf(BerthCli.SUBCOMMANDS.keySet())
        .contains("plan", "apply", "up", "agent", "help");
  }

  @Test
  void everyOptionOfATypeWhoseBuiltInConverterIsLeftOutHasItsOwnConverter() {
    List<String> patterns = List.of(BerthCli.UNUSED_CONVERTERS.split(","));
    List<String> checked = new ArrayList<>();
    for (CommandLine command : allCommands(BerthCli.commandLine())) {
      for (CommandLine.Model.ArgSpec arg : command.getCommandSpec().args()) {
        Stream.concat(Stream.of(arg.type()), Arrays.stream(arg.auxiliaryTypes()))
            .filter(type -> patterns.stream().anyMatch(type.getName()::matches))
            .forEach(type -> {
              checked.add(command.getCommandName() + " " + arg.paramLabel());
              assertThat(arg.converters()).as(command.getCommandName() + " " + arg + " (" + type.getName()
                  + "): picocli's own converter is left out (BerthCli.UNUSED_CONVERTERS); give the option a converter")
                  .isNotEmpty();
            });
      }
    }
    assertThat(checked).as("the duration options (up, server, agent, wait...)").hasSizeGreaterThanOrEqualTo(7);
  }

  @Test
  void aDurationOptionStillParsesWithTheBuiltInTimeConvertersLeftOut() {
    CommandLine cli = BerthCli.commandLine("up", "--healthy-after", "90s");
    assertThat(System.getProperty("picocli.converters.excludes")).isEqualTo(BerthCli.UNUSED_CONVERTERS);

    CommandLine.ParseResult parsed = cli.parseArgs("up", "--healthy-after", "90s");

    assertThat(parsed.subcommand().matchedOption("--healthy-after").<Duration>getValue())
        .isEqualTo(Duration.ofSeconds(90));
  }

  private static List<CommandLine> allCommands(CommandLine root) {
    List<CommandLine> all = new ArrayList<>(List.of(root));
    root.getSubcommands().values().forEach(sub -> all.addAll(allCommands(sub)));
    return all;
  }

  @Test
  void aNamedSubcommandGetsOnlyItselfAndEverythingElseTheWholeTree() {
    assertThat(BerthCli.commandLine("apply", "--desired", "x").getSubcommands().keySet()).containsExactly("apply");
    assertThat(BerthCli.commandLine("help", "apply").getSubcommands()).hasSameSizeAs(BerthCli.SUBCOMMANDS);
    assertThat(BerthCli.commandLine("--help").getSubcommands()).hasSameSizeAs(BerthCli.SUBCOMMANDS);
    assertThat(BerthCli.commandLine("aply").getSubcommands()).hasSameSizeAs(BerthCli.SUBCOMMANDS);
    assertThat(BerthCli.commandLine().getSubcommands()).hasSameSizeAs(BerthCli.SUBCOMMANDS);
    assertThat(BerthCli.commandLine("--version").getSubcommands()).isEmpty();
    assertThat(BerthCli.commandLine("--version", "apply").getSubcommands()).hasSameSizeAs(BerthCli.SUBCOMMANDS);
  }

  @Test
  void helpAndArgumentErrorsReadTheSameWithOneSubcommandAsWithAll() {
    for (String name : BerthCli.SUBCOMMANDS.keySet()) {
      for (List<String> args : List.of(List.of(name, "--help"), List.of(name, "--no-such-flag"))) {
        String[] argv = args.toArray(String[]::new);
        CliRun lean = run(BerthCli.commandLine(argv), argv);
        CliRun whole = run(BerthCli.commandLine(), argv);
        assertThat(lean).as(String.join(" ", args)).isEqualTo(whole);
      }
    }
    for (String version : List.of("--version", "-V")) {
      assertThat(run(BerthCli.commandLine(version), version)).isEqualTo(run(BerthCli.commandLine(), version));
    }
    CliRun unknownOption = run(BerthCli.commandLine("plan", "--no-such-flag"), "plan", "--no-such-flag");
    assertThat(unknownOption.exitCode()).isEqualTo(1);
    assertThat(unknownOption.err()).contains("Unknown option: '--no-such-flag'");
  }

  @Test
  void aMistypedSubcommandIsStillMatchedAgainstAllOfThem() {
    CliRun run = run(BerthCli.commandLine("aply"), "aply");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("aply").contains("apply");
  }
}
