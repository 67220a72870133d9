package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth synth} through the launcher's command line, on classes javac compiled with
 * {@code -Aberth.evaluate=false}: the JSON appears only after synth, and every failure says where
 * and how to fix it.
 */
class SynthCliTest {
  @TempDir Path tmp;

  @Test
  void synthWritesTheDesiredStateOfClassesCompiledWithoutEvaluation() throws IOException {
    Path classes = compile("infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/web:1\").memory(128));");
    assertThat(classes.resolve("META-INF/berth")).doesNotExist();

    CliRun run = CliRun.of("synth", "--classes", classes.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Wrote " + classes.resolve("META-INF/berth") + " (stacks: shop)")
        .contains("Next: berth plan --desired " + classes);
    assertThat(classes.resolve("META-INF/berth/shop/desired.json")).exists();
    assertThat(Files.readString(classes.resolve("META-INF/berth/shop/task-definitions/web.json")))
        .contains("\"image\": \"local/web:1\"");
  }

  @Test
  void contextValuesComeFromContextOptionsAndAMissingOneIsNamedOnItsLine() throws IOException {
    Path classes = compile("infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/web:\""
        + " + infra.context(\"imageTag\")).memory(infra.context(\"memory\", 128)));");

    CliRun missing = CliRun.of("synth", "--classes", classes.toString());
    CliRun given = CliRun.of("synth", "--classes", classes.toString(), "--context", "imageTag=4f2c1e0",
        "--context", "memory=256");

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("com/acme/Shop.java:7: error: [BerthContextMissing] context[imageTag]:")
        .contains("--context imageTag=VALUE to berth synth");
    assertThat(given.exitCode()).as(given.err()).isZero();
    assertThat(Files.readString(classes.resolve("META-INF/berth/shop/task-definitions/web.json")))
        .contains("\"image\": \"local/web:4f2c1e0\"").contains("\"memory\": 256");
  }

  @Test
  void whatSynthWritesIsWhatPlanReads() throws IOException {
    Path classes = compile("infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/web:1\").memory(128));");
    String state = tmp.resolve("state").toString();
    assertThat(CliRun.of("synth", "--classes", classes.toString()).exitCode()).isZero();
    assertThat(CliRun.of("init", "--state", state).exitCode()).isZero();

    CliRun plan = CliRun.of("plan", "--desired", classes.toString(), "--state", state, "--no-color");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("web").contains("local/web:1");
  }

  @Test
  void aMavenProjectDirectoryMeansItsTargetClassesAndOutCanPointElsewhere() throws IOException {
    compile("infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/web:1\").memory(128));");
    Path elsewhere = tmp.resolve("json");

    CliRun run = CliRun.of("synth", tmp.toString(), "--out", elsewhere.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(elsewhere.resolve("META-INF/berth/shop/desired.json")).exists();
    assertThat(tmp.resolve("target/classes/META-INF/berth")).doesNotExist();
  }

  @Test
  void aViolationIsPrintedWithItsFileAndLineAndNothingIsWritten() throws IOException {
    Path classes = compile("infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/web:1\").memory(4));");

    CliRun run = CliRun.of("synth", "--classes", classes.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("com/acme/Shop.java:7: error: [BerthContainerMemoryMinimum]"
        + " taskDefinition[web].container[app].memory:");
    assertThat(classes.resolve("META-INF/berth/shop")).doesNotExist();
  }

  @Test
  void aStackThatThrowsIsNamedByItsLine() throws IOException {
    Path classes = compile("if (infra != null) { throw new IllegalStateException(\"no registry configured\"); }");

    CliRun run = CliRun.of("synth", "--classes", classes.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("error: a stack threw java.lang.IllegalStateException: no registry configured"
        + " at Shop.java:7").contains("fix the stack");
  }

  @Test
  void aMissingDependencyIsNamedAndClassPathSuppliesIt() throws IOException {
    Path lib = tmp.resolve("lib-src/com/acme/lib/Images.java");
    Files.createDirectories(lib.getParent());
    Files.writeString(lib, "package com.acme.lib; public final class Images {"
        + " public static String web() { return \"local/web:2\"; } }");
    Path libClasses = tmp.resolve("lib-classes");
    Javac.compile(lib.getParent(), libClasses, List.of());
    Path classes = compile(List.of(libClasses),
        "infra.taskDefinition(\"web\").container(\"app\", c -> c.image(com.acme.lib.Images.web()).memory(128));");

    CliRun missing = CliRun.of("synth", "--classes", classes.toString());

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("a stack needs class com.acme.lib.Images at Shop.java:7")
        .contains("--classpath");

    CliRun supplied = CliRun.of("synth", "--classes", classes.toString(), "--classpath",
        tmp.resolve("elsewhere") + File.pathSeparator + libClasses);

    assertThat(supplied.exitCode()).isEqualTo(1);
    assertThat(supplied.err()).contains("--classpath entry " + tmp.resolve("elsewhere") + " does not exist");

    CliRun fixed = CliRun.of("synth", "--classes", classes.toString(), "--classpath", libClasses.toString());

    assertThat(fixed.exitCode()).as(fixed.err()).isZero();
    assertThat(Files.readString(classes.resolve("META-INF/berth/shop/task-definitions/web.json")))
        .contains("local/web:2");
  }

  @Test
  void badInputExitsOneWithAMessageNamingTheThingAndTheFix() throws IOException {
    Path project = Files.createDirectories(tmp.resolve("project"));
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    List<List<String>> cases = List.of(
        List.of("synth", "--classes", tmp.resolve("nope").toString(), "is not a directory", "target/classes"),
        List.of("synth", tmp.resolve("nope").toString(), "is not a directory", "mvn compile"),
        List.of("synth", project.toString(), "target/classes does not exist", "mvn compile"),
        List.of("synth", "--classes", empty.toString(), "no stacks found", "Berth processor"),
        List.of("synth", "--no-such-flag", "Unknown option", "--no-such-flag"));
    for (List<String> c : cases) {
      List<String> args = c.subList(0, c.size() - 2);
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(run.err()).as(String.join(" ", args)).contains(c.get(c.size() - 2)).contains(c.get(c.size() - 1));
    }
  }

  @Test
  void helpNamesTheOptions() {
    CliRun run = CliRun.of("synth", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--classes=DIR").contains("--classpath=CP").contains("--out=DIR")
        .contains("[PROJECT]");
  }

  private Path compile(String body) throws IOException {
    return compile(List.of(), body);
  }

  /** A Maven-shaped project under tmp: src/main/java/com/acme/Shop.java, compiled to target/classes. */
  private Path compile(List<Path> classPath, String body) throws IOException {
    Path source = tmp.resolve("src/main/java/com/acme/Shop.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, String.join("\n",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"shop\")",
        "public final class Shop implements StackDefinition {",
        "  public void define(Infra infra) {",
        "    infra.cluster(\"prod\");",
        "    " + body,
        "  }",
        "}"));
    Path classes = tmp.resolve("target/classes");
    Javac.compile(source.getParent(), classes, classPath, "-Aberth.evaluate=false");
    return classes;
  }
}
