package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.planner.BuildInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user meets first: a build that forgot the processor, {@code --version} on any command,
 * and shell completion.
 */
class BuildSetupCliTest {
  @TempDir Path tmp;

  private Path compile(String... javacOptions) throws IOException {
    Path source = tmp.resolve("src/com/acme/Shop.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package com.acme;
        import io.berth.dsl.*;
        @Stack("shop")
        public final class Shop implements StackDefinition {
          @Override public void define(Infra infra) {
            infra.taskDefinition("web").container("app", c -> c.image("local/web:1").memory(128));
          }
        }
        """);
    Path classes = tmp.resolve("target/classes");
    Javac.compile(tmp.resolve("src"), classes, List.of(), javacOptions);
    return classes;
  }

  @Test
  void planningStackClassesCompiledWithoutTheProcessorSaysSoAndShowsTheSnippet() throws IOException {
    Path classes = compile("-proc:none");
    String state = tmp.resolve("state").toString();
    CliRun.of("init", "--state", state);

    for (String desired : List.of(classes.toString(), tmp.toString())) {
      CliRun plan = CliRun.of("plan", "--desired", desired, "--state", state);

      assertThat(plan.exitCode()).isEqualTo(1);
      assertThat(plan.err()).startsWith("error: " + classes + " holds @Stack classes (com.acme.Shop) but no Berth"
          + " desired state").contains("Berth's annotation processor did not run")
          .contains("<annotationProcessorPaths>")
          .contains("<path><groupId>io.berth</groupId><artifactId>berth-processor</artifactId><version>"
              + BuildInfo.current().version() + "</version></path>")
          .contains("mvn clean compile");
    }
  }

  @Test
  void classesCompiledWithEvaluationOffAreSentToSynth() throws IOException {
    Path classes = compile("-Aberth.evaluate=false");
    String state = tmp.resolve("state").toString();
    CliRun.of("init", "--state", state);

    CliRun plan = CliRun.of("plan", "--desired", classes.toString(), "--state", state);

    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.err()).contains("compiled with -Aberth.evaluate=false").contains("berth synth " + classes);
  }

  @Test
  void classesWithoutStacksGetTheUsualMessage() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty/com/acme"));
    Files.write(empty.resolve("Other.class"), new byte[] {(byte) 0xca, (byte) 0xfe});
    String state = tmp.resolve("state").toString();
    CliRun.of("init", "--state", state);

    CliRun plan = CliRun.of("plan", "--desired", tmp.resolve("empty").toString(), "--state", state);

    assertThat(plan.err()).contains("holds no Berth desired state").doesNotContain("@Stack");
  }

  @Test
  void versionAndDashDashVersionOnEveryCommandNameTheVersionTheCommitAndTheJava() {
    BuildInfo build = BuildInfo.current();
    assertThat(build.version()).isNotEqualTo("dev");
    List<String> expected = List.of("berth " + build.version(), "commit " + build.commit(),
        "java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") at " + System.getProperty("java.home"));

    assertThat(CliRun.of("version").out().lines()).containsExactlyElementsOf(expected);
    assertThat(CliRun.of("--version").out().lines()).containsExactlyElementsOf(expected);
    for (String command : BerthCli.SUBCOMMANDS.keySet()) {
      if (command.equals("help")) {
        continue;
      }
      CliRun run = CliRun.of(command, "--version");
      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out().lines()).as(command).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void bashCompletesCommandsOptionsAndValuesFromTheGeneratedScript() throws Exception {
    CliRun bash = CliRun.of("completion", "bash");
    assertThat(bash.exitCode()).isZero();
    assertThat(CliRun.of("completion", "zsh").out()).isEqualTo(bash.out()).contains("bashcompinit");
    Path script = Files.writeString(tmp.resolve("berth_completion"), bash.out());

    assertThat(complete(script, "berth pl")).isEqualTo("plan");
    assertThat(complete(script, "berth plan --form")).isEqualTo("--format");
    assertThat(complete(script, "berth plan --format ")).isEqualTo("text markdown json");
    assertThat(complete(script, "berth completion ")).isEqualTo("bash zsh");
    assertThat(CliRun.of("completion", "fish").err()).contains("Invalid value").contains("bash, zsh");
  }

  /** What bash offers after {@code line}, as the completion script computes it. */
  private static String complete(Path script, String line) throws Exception {
    String words = line.endsWith(" ") ? line + "''" : line;
    Process bash = new ProcessBuilder("bash", "-c", "source " + script + "; COMP_LINE='" + line + "'; COMP_POINT="
        + line.length() + "; COMP_WORDS=(" + words + "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _complete_berth 2>/dev/null;"
        + " echo \"${COMPREPLY[*]}\"").start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
