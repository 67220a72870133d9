package io.berth.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The README's build snippet, copied verbatim into a fresh project, builds on Maven 3.8 and 3.9; the
 * application's jar holds nothing of Berth; and {@code mvn berth:plan} plans exactly as
 * {@code berth plan} does: the same text on standard output, the same plan file and comments.
 */
class ReadmeSnippetIT {
  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(AppProject.Maven.class)
  void theSnippetBuildsAndBerthPlanInMavenIsBerthPlan(AppProject.Maven maven) throws Exception {
    AppProject app = AppProject.create(tmp.resolve("shop"), AppProject.readmeSnippet(), 2);
    String state = tmp.resolve("state").toString();
    assertThat(app.berth("init", "--state", state).exitCode()).isZero();

    AppProject.Run build = app.mvn(maven, Map.of(), "package", "berth:plan", "-Dberth.state=" + state,
        "-Dberth.out=target/mvn-plan.json", "-Dberth.commentDir=target/mvn-comments");

    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.output()).contains(maven.banner).contains("BUILD SUCCESS");
    try (JarFile jar = new JarFile(app.dir.resolve("target/shop-1.0.jar").toFile())) {
      List<String> entries = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
      assertThat(entries).contains("com/acme/shop/App.class", "com/acme/shop/Shop.class")
          .noneMatch(e -> e.startsWith("io/berth/") || e.startsWith("META-INF/berth") || e.contains("BerthStackIndex")
              || e.startsWith("META-INF/services/io.berth."));
    }
    assertThat(app.dir.resolve("target/classes/META-INF/berth/shop/desired.json")).exists();

    String cli = app.berthOut("plan", "--desired", "target/classes", "--state", state, "--out", "target/cli-plan.json",
        "--comment-dir", "target/cli-comments");

    assertThat(cli).contains("Plan: 3 to add, 0 to change, 0 to destroy.");
    assertThat(build.output()).contains(cli);
    assertThat(Files.readAllBytes(app.dir.resolve("target/mvn-plan.json")))
        .isEqualTo(Files.readAllBytes(app.dir.resolve("target/cli-plan.json")));
    assertThat(Files.readString(app.dir.resolve("target/mvn-comments/comment-1.md")))
        .isEqualTo(Files.readString(app.dir.resolve("target/cli-comments/comment-1.md")));
    String result = Files.readString(app.dir.resolve("target/berth/plan-result.json"));
    String planId = Files.readString(app.dir.resolve("target/cli-plan.json")).replaceAll("(?s).*\"planId\" ?: ?\"([^\"]+)\".*", "$1");
    assertThat(result).contains("\"stack\": \"shop\"").contains("\"changes\": true")
        .contains("\"planId\": \"" + planId + "\"").contains("mvn-comments/comment-1.md");
  }

  @Test
  void aForgottenProcessorIsNamedWithTheSnippetToAdd() throws Exception {
    String snippet = AppProject.readmeSnippet();
    String forgotten = snippet.replaceAll("(?s)\\s*<annotationProcessorPaths>.*</annotationProcessorPaths>", "");
    assertThat(forgotten).isNotEqualTo(snippet);
    AppProject app = AppProject.create(tmp.resolve("shop"), forgotten, 2);
    String state = tmp.resolve("state").toString();
    assertThat(app.berth("init", "--state", state).exitCode()).isZero();

    AppProject.Run build = app.mvn(AppProject.Maven.V38, Map.of(), "compile", "berth:plan", "-Dberth.state=" + state);

    assertThat(build.exitCode()).isEqualTo(1);
    assertThat(build.output()).contains("holds @Stack classes (com.acme.shop.Shop) but no Berth desired state")
        .contains("<path><groupId>io.berth</groupId><artifactId>berth-processor</artifactId><version>"
            + AppProject.VERSION + "</version></path>")
        .contains("mvn clean compile")
        .doesNotContain("\tat io.berth");
    assertThat(app.dir.resolve("target/berth/plan-result.json")).doesNotExist();
  }
}
