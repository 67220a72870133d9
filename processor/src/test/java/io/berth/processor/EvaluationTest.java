package io.berth.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.berth.dsl.StackIndex;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What the processor does at the end of a compile: run the stacks, write their JSON, index them. */
class EvaluationTest {

  private static final JavaFileObject SHOP = JavaFileObjects.forSourceLines("com.acme.Shop",
      "package com.acme;",
      "import io.berth.dsl.*;",
      "@Stack(\"shop\")",
      "public final class Shop implements StackDefinition {",
      "  public void define(Infra infra) {",
      "    Cluster prod = infra.cluster(\"prod\");",
      "    TaskDefinition web = Families.web(infra);",
      "    infra.service(\"web\", prod, web).desiredCount(2)",
      "        .deployment(d -> d.circuitBreaker(true));",
      "  }",
      "}");

  // A helper of the application, compiled in the same compile: evaluation must see it.
  private static final JavaFileObject FAMILIES = JavaFileObjects.forSourceLines("com.acme.Families",
      "package com.acme;",
      "import io.berth.dsl.*;",
      "final class Families {",
      "  static TaskDefinition web(Infra infra) {",
      "    return infra.taskDefinition(\"web\")",
      "        .container(\"httpd\", c -> c.image(\"local/web:1\").memory(128).portMapping(8080)",
      "            .healthCheck(h -> h.shell(\"wget -q -O- localhost:8080/\")));",
      "  }",
      "}");

  private static Compilation compile(List<String> options, JavaFileObject... sources) {
    return javac().withProcessors(new BerthProcessor()).withOptions(options).compile(sources);
  }

  @Test
  void aStackIsRunAtTheEndOfTheCompileAndItsJsonWritten() {
    Compilation compilation = compile(List.of(), SHOP, FAMILIES);

    assertThat(compilation).succeeded();
    CompiledClasses output = new CompiledClasses(compilation);
    assertThat(output.text("META-INF/berth/shop/desired.json")).hasValueSatisfying(json -> assertThat(json)
        .contains("\"stack\": \"shop\"").contains("\"serviceName\": \"web\"").endsWith("\n"));
    assertThat(output.text("META-INF/berth/shop/task-definitions/web.json")).hasValueSatisfying(json ->
        assertThat(json).contains("\"family\": \"web\"").contains("\"image\": \"local/web:1\""));
  }

  @Test
  void theStackIndexFindsEveryStackWithoutReflection() {
    JavaFileObject batch = JavaFileObjects.forSourceLines("com.acme.jobs.Batch",
        "package com.acme.jobs;",
        "import io.berth.dsl.*;",
        "@Stack(\"batch\")",
        "public final class Batch implements StackDefinition {",
        "  public void define(Infra infra) { infra.cluster(\"jobs\"); }",
        "}");
    Compilation compilation = compile(List.of(), SHOP, FAMILIES, batch);

    assertThat(compilation).succeeded();
    CompiledClasses output = new CompiledClasses(compilation);
    assertThat(output.text("META-INF/services/io.berth.dsl.StackIndex")).isPresent();
    List<StackIndex> indexes = StreamSupport.stream(
        ServiceLoader.load(StackIndex.class, output).spliterator(), false).toList();
    assertThat(indexes).hasSize(1);
    assertThat(indexes.get(0).stacks()).containsOnlyKeys("batch", "shop");
    assertThat(indexes.get(0).stacks().get("shop").get().getClass().getName()).isEqualTo("com.acme.Shop");
    assertThat(Synth.synthesizeAll(output)).extracting(Synthesis::stack).containsExactly("batch", "shop");
  }

  @Test
  void aViolationInAStaticNestedStackIsReportedAtItsLine() {
    Compilation compilation = compile(List.of(), JavaFileObjects.forSourceLines("com.acme.Stacks",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "public final class Stacks {",
        "  @Stack(\"staging\")",
        "  public static final class Staging implements StackDefinition {",
        "    public void define(Infra infra) {",
        "      infra.cluster(\"staging\");",
        "      infra.taskDefinition(\"web\").container(\"app\", c -> c.image(\"local/web:1\")",
        "          .memory(4));",
        "    }",
        "  }",
        "}"));

    assertThat(compilation).hadErrorContaining("[BerthContainerMemoryMinimum]")
        .inFile(compilation.sourceFiles().get(0)).onLineContaining(".memory(4)");
  }

  @Test
  void aStaticNestedStackIsCreatedByTheIndex() {
    Compilation compilation = compile(List.of(), JavaFileObjects.forSourceLines("com.acme.Stacks",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "public final class Stacks {",
        "  @Stack(\"staging\")",
        "  public static final class Staging implements StackDefinition {",
        "    public void define(Infra infra) { infra.cluster(\"staging\"); }",
        "  }",
        "}"));

    assertThat(compilation).succeeded();
    CompiledClasses output = new CompiledClasses(compilation);
    assertThat(output.text("META-INF/berth/staging/desired.json")).isPresent();
    StackIndex index = ServiceLoader.load(StackIndex.class, output).iterator().next();
    assertThat(index.stacks().get("staging").get().getClass().getName()).isEqualTo("com.acme.Stacks$Staging");
  }

  @Test
  void berthStackFailed_anExceptionInTheStackIsAnErrorAtTheStackWithItsCause() {
    Compilation compilation = compile(List.of(), JavaFileObjects.forSourceLines("com.acme.Shop",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"shop\")",
        "public final class Shop implements StackDefinition {",
        "  public void define(Infra infra) {",
        "    String region = System.getProperty(\"no.such.region\");",
        "    infra.cluster(region.toUpperCase());",
        "  }",
        "}"));

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[BerthStackFailed] stack \"shop\" threw"
        + " java.lang.NullPointerException").inFile(compilation.sourceFiles().get(0))
        .onLineContaining("public final class Shop");
    assertThat(compilation).hadErrorContaining("in define(Infra) at Shop.java:7; fix the stack");
  }

  @Test
  void berthStackFailed_anExceptionInTheConstructorIsReportedToo() {
    Compilation compilation = compile(List.of(), JavaFileObjects.forSourceLines("com.acme.Shop",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"shop\")",
        "public final class Shop implements StackDefinition {",
        "  private final int replicas = Integer.parseInt(\"three\");",
        "  public void define(Infra infra) {}",
        "}"));

    assertThat(compilation).hadErrorContaining("[BerthStackFailed] stack \"shop\" threw"
        + " java.lang.NumberFormatException: For input string: \"three\" in its constructor at Shop.java:5")
        .inFile(compilation.sourceFiles().get(0)).onLineContaining("public final class Shop");
  }

  @Test
  void berthStackTimeout_aStackThatNeverReturnsIsStoppedWaitingForAndReported() {
    Compilation compilation = compile(List.of("-Aberth.timeoutSeconds=1"), JavaFileObjects.forSourceLines("com.acme.Shop",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"shop\")",
        "public final class Shop implements StackDefinition {",
        "  public void define(Infra infra) {",
        "    while (!Thread.currentThread().isInterrupted()) { Thread.onSpinWait(); }",
        "  }",
        "}"));

    assertThat(compilation).hadErrorContaining("[BerthStackTimeout] stack \"shop\" did not finish within 1 s"
        + " at Shop.java:6; look for a loop or a blocking call in define(Infra)")
        .inFile(compilation.sourceFiles().get(0)).onLineContaining("public final class Shop");
  }

  @Test
  void evaluateFalseSkipsRunningTheStacksButKeepsTheChecksAndTheIndex() {
    Compilation compilation = compile(List.of("-Aberth.evaluate=false"), SHOP, FAMILIES);

    assertThat(compilation).succeededWithoutWarnings();
    CompiledClasses output = new CompiledClasses(compilation);
    assertThat(output.text("META-INF/berth/shop/desired.json")).isEmpty();
    assertThat(output.text("META-INF/services/io.berth.dsl.StackIndex")).isPresent();
  }

  @Test
  void aCompileErrorElsewhereStopsEvaluationWithoutBerthErrors() {
    JavaFileObject broken = JavaFileObjects.forSourceLines("com.acme.Broken",
        "package com.acme;",
        "final class Broken {",
        "  int x = \"not a number\";",
        "}");
    Compilation compilation = compile(List.of(), SHOP, FAMILIES, broken);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("incompatible types");
    assertThat(compilation.diagnostics()).noneMatch(d -> d.getMessage(null).contains("[Berth"));
  }
}
