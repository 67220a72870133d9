package io.berth.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Context values given as processor options reach the stack; a missing one is a compile error on its line. */
class ContextOptionsTest {
  private static final JavaFileObject SHOP = JavaFileObjects.forSourceLines("com.acme.Shop",
      "package com.acme;",
      "import io.berth.dsl.*;",
      "@Stack(\"shop\")",
      "public final class Shop implements StackDefinition {",
      "  public void define(Infra infra) {",
      "    Cluster prod = infra.cluster(infra.context(\"env\", \"dev\"));",
      "    TaskDefinition web = infra.taskDefinition(\"web\")",
      "        .container(\"httpd\", c -> c.image(\"local/web:\" + infra.context(\"imageTag\")).memory(128));",
      "    infra.service(\"web\", prod, web).desiredCount(2).deployment(d -> d.circuitBreaker(true));",
      "  }",
      "}");

  @Test
  void givenValuesReachTheStackWithoutAnUnrecognisedOptionWarning() {
    Compilation compilation = javac().withProcessors(new BerthProcessor())
        .withOptions("-Aberth.context.imageTag=4f2c1e0", "-Aberth.context.env=prod").compile(SHOP);

    assertThat(compilation).succeeded();
    assertThat(compilation.diagnostics()).noneMatch(d -> d.getKind() == Diagnostic.Kind.WARNING
        && d.getMessage(null).contains("not recognized"));
    CompiledClasses output = new CompiledClasses(compilation);
    assertThat(output.text("META-INF/berth/shop/task-definitions/web.json")).hasValueSatisfying(json ->
        assertThat(json).contains("\"image\": \"local/web:4f2c1e0\""));
    assertThat(output.text("META-INF/berth/shop/desired.json")).hasValueSatisfying(json ->
        assertThat(json).contains("\"cluster\": \"prod\""));
    // what the stack read, for berth plan to compare with the values given when it plans
    assertThat(output.text("META-INF/berth/shop/context.json")).hasValueSatisfying(json -> assertThat(
        json.replaceAll("\\s+", "")).isEqualTo("{\"env\":{\"value\":\"prod\",\"from\":\"given\"},"
        + "\"imageTag\":{\"value\":\"4f2c1e0\",\"from\":\"given\"}}"));
  }

  @Test
  void aMissingValueIsACompileErrorOnTheLineThatAsksForIt() {
    Compilation compilation = javac().withProcessors(new BerthProcessor()).compile(SHOP);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[BerthContextMissing] context[imageTag]: context value imageTag is not"
        + " given; pass -Dberth.context.imageTag=VALUE to Maven, -Aberth.context.imageTag=VALUE to javac")
        .inFile(SHOP).onLineContaining("infra.context(\"imageTag\")");
    assertThat(compilation).hadErrorCount(1);
  }
}
