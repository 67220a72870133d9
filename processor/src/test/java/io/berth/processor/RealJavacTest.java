package io.berth.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.json.OutputFiles;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor as a build runs it: the JDK's javac with files on disk, found through
 * {@code -processorpath} (what {@code annotationProcessorPaths} gives) or on the class path (JDK 17
 * discovery), with the stack calling a library that only the compile class path has.
 */
class RealJavacTest {
  private static final String LIBRARY = String.join("\n",
      "package com.acme.sizing;",
      "public final class Sizes {",
      "  private Sizes() {}",
      "  public static int memoryFor(String tier) { return tier.equals(\"large\") ? 512 : 128; }",
      "}");

  private static final String STACK = String.join("\n",
      "package com.acme;",
      "import io.berth.dsl.*;",
      "import com.acme.sizing.Sizes;",
      "@Stack(\"shop\")",
      "public final class Shop implements StackDefinition {",
      "  public void define(Infra infra) {",
      "    infra.taskDefinition(\"web\")",
      "        .container(\"app\", c -> c.image(\"local/web:1\").memory(Sizes.memoryFor(\"large\")));",
      "  }",
      "}");

  @TempDir
  Path work;

  @Test
  void onTheProcessorPathTheStackStillSeesTheApplicationsLibraries() throws IOException {
    Path library = compileLibrary();
    Path out = work.resolve("classes");
    // The processor path has Berth but not the library; the class path has the library.
    Result result = javac(List.of("-processorpath", testClassPath(), "-classpath", testClassPath()
        + File.pathSeparator + library, "-d", out.toString()), write("src/com/acme/Shop.java", STACK));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(Files.readString(out.resolve("META-INF/berth/shop/task-definitions/web.json")))
        .contains("\"memory\": 512");
  }

  @Test
  void onJdk17AProcessorOnTheClassPathIsDiscoveredToo() throws IOException {
    Path library = compileLibrary();
    Path out = work.resolve("classes");
    List<String> options = new ArrayList<>(List.of("-classpath", testClassPath() + File.pathSeparator + library,
        "-d", out.toString()));
    if (Runtime.version().feature() >= 23) {
      options.add("-proc:full"); // JDK 23+ runs class-path processors only when asked
    }
    Result result = javac(options, write("src/com/acme/Shop.java", STACK));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(out.resolve("META-INF/berth/shop/desired.json")).exists();
  }

  @Test
  void aViolationFailsJavacWithTheErrorAtTheDslLine() throws IOException {
    Path source = write("src/com/acme/Shop.java", String.join("\n",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "import io.berth.model.Compatibility;",
        "import io.berth.model.NetworkMode;",
        "@Stack(\"shop\")",
        "public final class Shop implements StackDefinition {",
        "  public void define(Infra infra) {",
        "    infra.taskDefinition(\"web\")",
        "        .networkMode(NetworkMode.AWSVPC)",
        "        .requiresCompatibilities(Compatibility.FARGATE)",
        "        .cpu(256)",
        "        .memory(4096)",
        "        .container(\"app\", c -> c.image(\"local/web:1\").memory(128));",
        "  }",
        "}"));
    Result result = javac(List.of("-processorpath", testClassPath(), "-classpath", testClassPath(),
        "-d", work.resolve("classes").toString()), source);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains(source + ":12: error: [BerthFargateMemory] taskDefinition[web].memory:")
        .contains("        .memory(4096)");
    assertThat(work.resolve("classes/META-INF/berth/shop/desired.json")).doesNotExist();
  }

  @Test
  void aFamilyAndAStackOfEcsMaximumLengthCompileAndGetFileNamesTheFileSystemTakes() throws IOException {
    String stack = "s".repeat(255);
    String family = "f".repeat(255);
    Path source = write("src/com/acme/Long.java", String.join("\n",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"" + stack + "\")",
        "public final class Long implements StackDefinition {",
        "  public void define(Infra infra) {",
        "    infra.taskDefinition(\"" + family + "\").container(\"app\", c -> c.image(\"local/app:1\").memory(64));",
        "  }",
        "}"));
    Path out = work.resolve("classes");
    Result result = javac(List.of("-processorpath", testClassPath(), "-classpath", testClassPath(),
        "-d", out.toString()), source);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).doesNotContain("BerthInternal");
    Path stackDir = out.resolve("META-INF/berth/" + stack);
    String file = OutputFiles.readIndex("index", Files.readString(stackDir.resolve(OutputFiles.INDEX))).get(family);
    assertThat(Path.of(file).getFileName().toString().length()).isLessThanOrEqualTo(OutputFiles.MAX_NAME_BYTES);
    assertThat(Files.readString(stackDir.resolve(file))).contains("\"family\": \"" + family + "\"");
  }

  private record Result(int exitCode, String output) {}

  private static Result javac(List<String> options, Path... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter output = new StringWriter();
    List<String> args = new ArrayList<>(options);
    args.addAll(List.of("--release", "17", "-Xlint:-options"));
    args.addAll(Arrays.stream(sources).map(Path::toString).toList());
    int exit = javac.run(null, new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        output.write(b);
      }
    }, true, StandardCharsets.UTF_8), new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        output.write(b);
      }
    }, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
    return new Result(exit, output.toString());
  }

  private Path compileLibrary() throws IOException {
    Path classes = work.resolve("library");
    Result result = javac(List.of("-d", classes.toString(), "-proc:none"), write("lib/com/acme/sizing/Sizes.java", LIBRARY));
    assertThat(result.exitCode()).as(result.output()).isZero();
    return classes;
  }

  private Path write(String relative, String text) throws IOException {
    Path file = work.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** The test class path: Berth's dsl and processor with their dependencies (and the test tools). */
  private static String testClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
