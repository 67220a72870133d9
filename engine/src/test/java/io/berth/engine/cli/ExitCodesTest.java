package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every command's exit codes, as Terraform's: 0 success, 1 any error, usage errors included, and 2
 * only for a plan with changes under {@code --detailed-exitcode} (PlanApplyCliTest holds 0 and 2).
 */
class ExitCodesTest {
  @TempDir Path tmp;

  @Test
  void anUnknownOptionExitsOneOnEveryCommand() {
    for (String command : BerthCli.SUBCOMMANDS.keySet()) {
      CliRun run = CliRun.of(command, "--no-such-flag");

      assertThat(run.exitCode()).as("berth %s --no-such-flag", command).isEqualTo(1);
      assertThat(run.err()).as("berth %s --no-such-flag", command).containsAnyOf("--no-such-flag", "Missing required");
    }
  }

  @Test
  void docsCliListsTheExitCodesOfEveryCommand() throws Exception {
    String doc = Files.readString(Path.of("../docs/cli.md"));
    String table = doc.substring(doc.indexOf("| command | 0 | 1 | 2 |"), doc.indexOf("\n\n", doc.indexOf("| command |")));
    Set<String> listed = new TreeSet<>();
    Matcher name = Pattern.compile("`([a-z-]+)`").matcher(table.lines().filter(l -> l.startsWith("| `"))
        .map(l -> l.substring(0, l.indexOf(" |", 2))).reduce("", String::concat));
    while (name.find()) {
      listed.add(name.group(1));
    }

    assertThat(listed).isEqualTo(new TreeSet<>(BerthCli.SUBCOMMANDS.keySet()));
  }

  @Test
  void aMistypedSubcommandIsAnErrorNotChanges() {
    CliRun run = CliRun.of("plam", "--desired", tmp.toString(), "--detailed-exitcode");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("plam").contains("plan");
  }

  @Test
  void missingArgumentsAndBadValuesExitOne() {
    List<List<String>> usageErrors = List.of(
        List.of("import", "web.json"),                                  // --package and --out are required
        List.of("wait", "--wait-timeout", "ten"),                       // not a duration
        List.of("up", "--agents", "three"),                             // not a number
        List.of("ps", "--server"),                                      // the option's value is missing
        List.of("events", "web", "api"),                                // one SERVICE at most
        List.of("logs"),                                                // TASK is required
        List.of("services", "extra"),                                   // no parameters
        List.of("plan", "--format", "yaml", "--desired", tmp.toString()), // not a format
        List.of("show", "main", "main~1"),                              // one REV at most
        List.of("help", "plam"));                                       // no such command to help with
    for (List<String> args : usageErrors) {
      CliRun run = CliRun.of(args.toArray(String[]::new));

      assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isEqualTo(1);
      assertThat(run.err()).as(String.join(" ", args)).isNotBlank().doesNotContain("\tat ");
    }
  }

  @Test
  void aBugIsOneLineAndExitCodeOneWithoutJavasText() {
    StringWriter err = new StringWriter();
    CommandLine broken = new CommandLine(new Broken());
    broken.setErr(new PrintWriter(err, true));
    broken.setExecutionExceptionHandler(new BerthCli.Unexpected());

    int exit = broken.execute();

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).startsWith("error: berth broken stopped on an internal error, a bug in berth")
        .contains("BERTH_DEBUG=1").doesNotContain("NullPointerException").doesNotContain("Cannot invoke")
        .doesNotContain("\tat ");
  }

  /** A command with a bug. */
  @Command(name = "broken")
  static final class Broken implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new NullPointerException("Cannot invoke \"String.length()\" because \"name\" is null");
    }
  }
}
