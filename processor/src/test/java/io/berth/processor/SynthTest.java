package io.berth.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth synth}'s library entry point: the same evaluation as the processor, for classes
 * compiled with {@code -Aberth.evaluate=false} (or by a compiler that cannot run it).
 */
class SynthTest {
  @TempDir
  Path work;

  @Test
  void synthWritesTheJsonOfStacksCompiledWithoutEvaluation() throws IOException {
    Path classes = compileWithoutEvaluation("infra.taskDefinition(\"web\").container(\"app\", c -> c"
        + ".image(\"local/web:1\").memory(128));");
    assertThat(classes.resolve("META-INF/berth")).doesNotExist();

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Synth.run(List.of(classes), classes, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(Files.readString(classes.resolve("META-INF/berth/shop/task-definitions/web.json")))
        .contains("\"image\": \"local/web:1\"");
    assertThat(classes.resolve("META-INF/berth/shop/desired.json")).exists();
  }

  @Test
  void synthPrintsEachViolationWithItsLineAndFailsWithoutWriting() throws IOException {
    Path classes = compileWithoutEvaluation("infra.taskDefinition(\"web\").container(\"app\", c -> c"
        + ".image(\"local/web:1\").memory(4));");

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Synth.run(List.of(classes), classes, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("com/acme/Shop.java:7: error:"
        + " [BerthContainerMemoryMinimum] taskDefinition[web].container[app].memory:");
    assertThat(classes.resolve("META-INF/berth/shop")).doesNotExist();
  }

  @Test
  void synthSaysHowToFixAClassPathWithoutStacks() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Synth.run(List.of(work), work, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("berth synth: no stacks found on")
        .contains("compile the @Stack classes with the Berth processor on the annotation processor path first");
  }

  private Path compileWithoutEvaluation(String body) throws IOException {
    Path source = work.resolve("src/com/acme/Shop.java");
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
    Path classes = work.resolve("classes");
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
    int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17",
        "-processorpath", classPath, "-classpath", classPath, "-Aberth.evaluate=false",
        "-d", classes.toString(), source.toString());
    assertThat(exit).isZero();
    return classes;
  }
}
