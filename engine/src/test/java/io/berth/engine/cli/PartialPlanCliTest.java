package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.json.BerthJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth plan --only}: a saved partial plan, and its apply, change only the service asked for
 * and what it needs; the rest of the stack's state stays as the last apply left it.
 */
class PartialPlanCliTest {
  @TempDir Path tmp;
  String state;

  @BeforeEach
  void applyTwoServices() throws Exception {
    state = tmp.resolve("state").toString();
    CliRun applied = CliRun.of("apply", "--desired", stack("v1", "hello", 2, "hi", 1).toString(), "--auto-approve",
        "--state", state);
    assertThat(applied.exitCode()).as(applied.err()).isZero();
  }

  /** The test stack with a second task definition and service, api, beside web; greetings and counts as given. */
  Path stack(String name, String webGreeting, int webCount, String apiGreeting, int apiCount) throws Exception {
    ObjectNode desired = (ObjectNode) BerthJson.mapper().readTree(
        PlanApplyCliTest.V1.resolve("META-INF/berth/shop/desired.json").toFile());
    ObjectNode web = (ObjectNode) desired.get("taskDefinitions").get(0);
    ObjectNode api = web.deepCopy().put("family", "api");
    environment(web).put("value", webGreeting);
    environment(api).put("value", apiGreeting);
    ((ArrayNode) desired.get("taskDefinitions")).add(api);
    ObjectNode webService = (ObjectNode) desired.get("services").get(0);
    webService.put("desiredCount", webCount);
    ((ArrayNode) desired.get("services")).add(webService.deepCopy().put("serviceName", "api").put("taskDefinition", "api")
        .put("desiredCount", apiCount));
    Path dir = Files.createDirectories(tmp.resolve(name + "/META-INF/berth/shop"));
    Files.writeString(dir.resolve("desired.json"), BerthJson.write(desired));
    return tmp.resolve(name);
  }

  private static ObjectNode environment(ObjectNode definition) {
    return (ObjectNode) definition.get("containerDefinitions").get(0).get("environment").get(0);
  }

  @Test
  void aSavedPartialPlanAppliesOnlyTheServiceAskedForAndWhatItNeeds() throws Exception {
    Path both = stack("v2", "hello again", 3, "hi again", 4);
    Path planFile = tmp.resolve("web.json");

    CliRun plan = CliRun.of("plan", "--desired", both.toString(), "--state", state, "--only", "service/web",
        "--out", planFile.toString());

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("Partial plan: only service \"prod/web\", with what it needs: role \"web-task\", cluster \"prod\","
        + " task-definition \"web\".").contains("Warning: this plan covers only part of the stack (--only)")
        .contains("task-definition \"web\" will get a new revision, web:2").contains("desiredCount = 2 -> 3")
        .doesNotContain("task-definition \"api\" will").doesNotContain("service \"prod/api\" will")
        .contains("Plan: 0 to add, 2 to change, 0 to destroy.");
    assertThat(CliRun.of("show", "--plan", planFile.toString()).out()).isEqualTo(plan.out());

    CliRun apply = CliRun.of("apply", planFile.toString(), "--state", state);

    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertThat(apply.err()).contains("warning: " + planFile + " is a partial plan (--only service/prod/web): the rest of"
        + " the stack was left as it was");
    JsonNode shown = BerthJson.mapper().readTree(CliRun.of("show", "--state", state, "--json").out());
    assertThat(shown.get("services").findValuesAsText("taskDefinition")).containsExactly("api:1", "web:2");
    assertThat(shown.get("services").findValuesAsText("desiredCount")).containsExactly("1", "3");
    assertThat(CliRun.of("history", "--state", state, "-n", "1").out()).contains("Plan: 0 to add, 2 to change");

    CliRun rest = CliRun.of("plan", "--desired", both.toString(), "--state", state);

    assertThat(rest.out()).as("the whole plan now changes only what --only left out")
        .contains("task-definition \"api\" will get a new revision, api:2").contains("desiredCount = 1 -> 4")
        .doesNotContain("task-definition \"web\" will").contains("Plan: 0 to add, 2 to change, 0 to destroy.");
  }

  @Test
  void onlyNamingNothingIsAnErrorListingWhatThereIs() throws Exception {
    CliRun run = CliRun.of("plan", "--desired", stack("v2", "a", 2, "b", 1).toString(), "--state", state,
        "--only", "service/wbe");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--only service/wbe: the stack declares no service 'wbe' and the state holds none;"
        + " services: prod/api, prod/web");
  }
}
