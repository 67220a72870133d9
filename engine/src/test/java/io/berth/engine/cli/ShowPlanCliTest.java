package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.json.BerthJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth show --plan FILE} renders a saved plan as {@code berth plan} rendered it,
 * {@code berth show --json} is a versioned document, and unknown members in a desired state or a
 * plan file are refused by name.
 */
class ShowPlanCliTest {
  static final Path V1 = PlanApplyCliTest.V1;

  @TempDir Path tmp;
  String state;
  Path planFile;

  @BeforeEach
  void init() {
    state = tmp.resolve("state").toString();
    planFile = tmp.resolve("plan.json");
    assertThat(CliRun.of("init", "--state", state).exitCode()).isZero();
  }

  @Test
  void aSavedPlanShowsAsBerthPlanShowedItInEachFormat() {
    for (String format : new String[] {"text", "markdown", "json"}) {
      CliRun planned = CliRun.of("plan", "--desired", V1.toString(), "--state", state, "--out", planFile.toString(),
          "--format", format);
      assertThat(planned.exitCode()).as(planned.err()).isZero();

      CliRun shown = CliRun.of("show", "--plan", planFile.toString(), "--format", format);

      assertThat(shown.exitCode()).as(shown.err()).isZero();
      assertThat(shown.out()).as(format).isEqualTo(planned.out())
          .contains(format.equals("json") ? "\"add\": 4" : "Plan: 4 to add");
    }
    assertThat(CliRun.of("show", "--plan", planFile.toString(), "--json").out())
        .isEqualTo(CliRun.of("show", "--plan", planFile.toString(), "--format", "json").out());
  }

  @Test
  void theSavedPlanNoteGoesToStandardErrorAfterTheWholePlan() {
    CliRun planned = CliRun.of("plan", "--desired", V1.toString(), "--state", state, "--out", planFile.toString());

    assertThat(planned.out()).endsWith("Plan: 4 to add, 0 to change, 0 to destroy.\n").doesNotContain("Saved the plan");
    assertThat(planned.err()).isEqualTo("Saved the plan to " + planFile + "; apply it with: berth apply " + planFile
        + "\n");
  }

  @Test
  void showJsonIsAVersionedDocumentNamingItsCommit() throws Exception {
    assertThat(CliRun.of("apply", "--desired", V1.toString(), "--auto-approve", "--state", state).exitCode()).isZero();

    JsonNode shown = BerthJson.mapper().readTree(CliRun.of("show", "--state", state, "--json").out());

    assertThat(shown.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(shown.get("commit").asText()).matches("[0-9a-f]{40}");
    assertThat(shown.get("stack").asText()).isEqualTo("shop");
    assertThat(shown.get("services").get(0).get("serviceName").asText()).isEqualTo("web");
  }

  @Test
  void showRefusesMixingAPlanWithACommitOrAFormatWithACommit() {
    CliRun.of("plan", "--desired", V1.toString(), "--state", state, "--out", planFile.toString());

    CliRun both = CliRun.of("show", "main", "--plan", planFile.toString());
    CliRun format = CliRun.of("show", "main", "--state", state, "--format", "markdown");

    assertThat(both.exitCode()).isEqualTo(1);
    assertThat(both.err()).contains("give either a state commit (berth show main) or a plan file");
    assertThat(format.exitCode()).isEqualTo(1);
    assertThat(format.err()).contains("--format is for a saved plan (berth show --plan FILE --format markdown)");
  }

  @Test
  void anUnknownMemberInADesiredStateIsRefusedByItsPath() throws Exception {
    Path stack = Files.createDirectories(tmp.resolve("classes/META-INF/berth/shop"));
    Files.writeString(stack.resolve("desired.json"), Files.readString(V1.resolve("META-INF/berth/shop/desired.json"))
        .replaceFirst("\"serviceName\" : \"web\"", "\"serviceName\" : \"web\", \"desiredCout\" : 3"));

    CliRun run = CliRun.of("plan", "--desired", tmp.resolve("classes").toString(), "--state", state);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: " + stack.resolve("desired.json") + ": $.services[0].desiredCout: unknown"
        + " member \"desiredCout\"").contains("desiredCount").contains("rebuild it with mvn compile")
        .doesNotContain("io.berth").doesNotContain("Unrecognized");
  }

  @Test
  void anUnknownMemberInAPlanFileIsRefusedByApplyAndShow() throws Exception {
    CliRun.of("plan", "--desired", V1.toString(), "--state", state, "--out", planFile.toString());
    String file = Files.readString(planFile, StandardCharsets.UTF_8);
    Path added = Files.writeString(tmp.resolve("added.json"), file.replaceFirst(",\"stack\":", ",\"lifetime\":3,\"stack\":"));
    ObjectNode tree = (ObjectNode) BerthJson.mapper().readTree(file);
    ((ObjectNode) tree.get("summary")).put("skipped", 1);
    Path inSummary = Files.writeString(tmp.resolve("summary.json"), BerthJson.compact().writeValueAsString(tree) + "\n");

    for (String command : new String[] {"apply", "show"}) {
      CliRun top = command.equals("apply") ? CliRun.of("apply", added.toString(), "--state", state)
          : CliRun.of("show", "--plan", added.toString());
      CliRun nested = command.equals("apply") ? CliRun.of("apply", inSummary.toString(), "--state", state)
          : CliRun.of("show", "--plan", inSummary.toString());

      assertThat(top.exitCode()).isEqualTo(1);
      assertThat(top.err()).as(command).startsWith("error: " + added + " is not a valid berth plan file (unknown member"
          + " \"lifetime\" in the plan at line 1, column ").contains("make it again with berth plan --out " + added);
      assertThat(nested.exitCode()).isEqualTo(1);
      assertThat(nested.err()).as(command).contains("unknown member \"skipped\" in summary");
    }
    assertThat(CliRun.of("history", "--state", state).out().lines()).hasSize(1);
  }
}
