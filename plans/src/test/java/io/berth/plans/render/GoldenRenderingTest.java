package io.berth.plans.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.plans.DryRun;
import io.berth.plans.Plan;
import io.berth.plans.PlanFixtures;
import io.berth.plans.diff.StateDiff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Golden files for a plan with every kind of change. Regenerate after a deliberate rendering change
 * with {@code mvn -pl plans -am test -Dtest=GoldenRenderingTest -Dberth.golden.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false} and review the diff.
 */
class GoldenRenderingTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  static Plan everyKindOfChange() {
    return StateDiff.plan(PlanFixtures.desired(), PlanFixtures.live(), "0.1.0-test").withDryRun(new DryRun(true,
        "placed against 2 container instances", List.of(new DryRun.Placement("prod/batch", "batch:1", "ci-zone-a-1", 1),
            new DryRun.Placement("prod/web", "web:2", "ci-zone-b-1", 3)),
        List.of(new DryRun.Failure("prod/api", 6, "no container instance supports launch type FARGATE"))));
  }

  @Test
  void textRendering() throws IOException {
    assertGolden("plan.txt", TextRenderer.render(everyKindOfChange(), false));
  }

  @Test
  void colouredTextRenderingMarksLinesWithAnsiColours() {
    String coloured = TextRenderer.render(everyKindOfChange(), true);
    assertThat(coloured).contains("\u001b[32m+").contains("\u001b[31m-").contains("\u001b[33m~");
    assertThat(TextRenderer.render(everyKindOfChange(), false)).doesNotContain("\u001b[");
  }

  @Test
  void markdownRendering() throws IOException {
    assertGolden("plan.md", MarkdownRenderer.render(everyKindOfChange()));
  }

  @Test
  void jsonRendering() throws IOException {
    assertGolden("plan.json", JsonRenderer.render(everyKindOfChange()));
  }

  @Test
  void theJsonPlanReadsBackToTheSameBytes() {
    byte[] bytes = JsonRenderer.bytes(everyKindOfChange());
    assertThat(JsonRenderer.bytes(JsonRenderer.read(bytes, "plan.json"))).isEqualTo(bytes);
  }

  @Test
  void aFileThatIsNotAPlanOrOfAnotherVersionIsRefusedByName() {
    Assertions.assertThatThrownBy(() -> JsonRenderer.read("{\"a\": 1}".getBytes(), "x.json"))
        .hasMessageContaining("x.json is not a berth plan file");
    Assertions.assertThatThrownBy(() -> JsonRenderer.read(
        "{\"formatVersion\": 9, \"planId\": \"p\"}".getBytes(), "old.json"))
        .hasMessageContaining("old.json has plan format version 9");
    Assertions.assertThatThrownBy(() -> JsonRenderer.read("{\"formatVer".getBytes(), "cut.json"))
        .hasMessageContaining("cut.json is not a valid berth plan file");
  }

  static void assertGolden(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("berth.golden.update") || !Files.exists(file)) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
