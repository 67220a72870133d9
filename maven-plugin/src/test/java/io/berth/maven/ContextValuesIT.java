package io.berth.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack's context values in a real Maven build of the README's snippet: {@code -Dberth.context.*}
 * on Maven's command line and {@code BERTH_CONTEXT_*} in the environment reach the stack when
 * {@code mvn compile} runs it and when {@code berth:synth} does; a missing required value fails
 * the build on the stack's line, naming how to give it; and {@code berth:plan} refuses classes
 * Maven did not compile again for the values given now.
 */
class ContextValuesIT {
  private static final String SHOP = """
      package com.acme.shop;
      import io.berth.dsl.*;
      @Stack("shop")
      public final class Shop implements StackDefinition {
        @Override public void define(Infra infra) {
          Cluster cluster = infra.cluster(infra.context("env")).capacity("std", 2, g -> g.cpu(1024).memory(2048));
          TaskDefinition web = infra.taskDefinition("web")
              .container("app", c -> c.image("acme/web:" + infra.context("imageTag")).cpu(128).memory(128));
          infra.service("web", cluster, web).desiredCount(infra.context("replicas", 1));
        }
      }
      """;

  @TempDir Path tmp;

  @Test
  void mavenPropertiesAndTheEnvironmentGiveTheValuesAndAMissingOneFailsTheBuildOnItsLine() throws Exception {
    AppProject app = AppProject.create(tmp.resolve("shop"), AppProject.readmeSnippet(), 1);
    Files.writeString(app.dir.resolve("src/main/java/com/acme/shop/Shop.java"), SHOP);
    Path classes = app.dir.resolve("target/classes/META-INF/berth/shop");

    AppProject.Run missing = app.mvn(AppProject.Maven.V39, Map.of(), "compile", "-Dberth.context.env=prod");

    assertThat(missing.exitCode()).as(missing.output()).isEqualTo(1);
    assertThat(missing.output()).containsPattern("Shop\\.java:\\[8,\\d+\\] \\[BerthContextMissing\\] context\\[imageTag\\]:"
        + " context value imageTag is not given; pass -Dberth.context.imageTag=VALUE to Maven")
        .contains("BERTH_CONTEXT_IMAGE_TAG").doesNotContain("context[env]").doesNotContain("\tat io.berth");

    // the compiler runs a stack only when it compiles it: a value given later needs a fresh build (or berth:synth)
    deleteTree(app.dir.resolve("target"));
    AppProject.Run prod = app.mvn(AppProject.Maven.V39, Map.of("BERTH_CONTEXT_IMAGE_TAG", "4f2c1e0"), "compile",
        "-Dberth.context.env=prod", "-Dberth.context.replicas=3");

    assertThat(prod.exitCode()).as(prod.output()).isZero();
    assertThat(Files.readString(classes.resolve("desired.json"))).contains("\"name\": \"prod\"")
        .contains("\"desiredCount\": 3");
    assertThat(Files.readString(classes.resolve("task-definitions/web.json"))).contains("\"image\": \"acme/web:4f2c1e0\"");

    // berth:synth runs the compiled stacks again: the command line's value wins over the environment's
    AppProject.Run dev = app.mvn(AppProject.Maven.V39, Map.of("BERTH_CONTEXT_IMAGE_TAG", "4f2c1e0",
        "BERTH_CONTEXT_ENV", "dev"), "berth:synth", "-Dberth.context.imageTag=5b3d2f1");

    assertThat(dev.exitCode()).as(dev.output()).isZero();
    assertThat(Files.readString(classes.resolve("desired.json"))).contains("\"name\": \"dev\"")
        .contains("\"desiredCount\": 1");
    assertThat(Files.readString(classes.resolve("task-definitions/web.json"))).contains("\"image\": \"acme/web:5b3d2f1\"");

    // a plan for other values than the build's is refused before it reads any state
    AppProject.Run stale = app.mvn(AppProject.Maven.V39, Map.of(), "compile", "berth:plan", "-Dberth.context.env=prod",
        "-Dberth.context.imageTag=5b3d2f1");

    assertThat(stale.exitCode()).as(stale.output()).isEqualTo(1);
    assertThat(stale.output()).contains("Nothing to compile").contains("was built with env=dev (BERTH_CONTEXT_ENV), but"
        + " env=prod is given now (-Dberth.context.env or -Aberth.context.env)").contains("mvn clean compile")
        .doesNotContain("imageTag=").doesNotContain("\tat io.berth");
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
