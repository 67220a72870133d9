package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.json.BerthJson;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/cli-schema.json holds for what {@code berth history --json} and {@code show --json} print
 * (RuntimeCommandsTest checks {@code ps}, {@code services} and {@code events} against it), refuses a
 * document of another format, and names exactly the members of the records the commands write.
 */
class CliSchemaTest {
  @TempDir Path tmp;

  @Test
  void historyAndShowFollowTheSchemaAndShowsStateIsThePlansTarget() throws Exception {
    String state = tmp.resolve("state").toString();
    for (Path desired : List.of(PlanApplyCliTest.V1, PlanApplyCliTest.V2)) {
      CliRun applied = CliRun.of("apply", "--desired", desired.toString(), "--auto-approve", "--state", state);
      assertThat(applied.exitCode()).as(applied.err()).isZero();
    }

    CliRun history = CliRun.of("history", "--state", state, "--json");
    CliRun show = CliRun.of("show", "main~1", "--state", state, "--json");

    assertThat(history.exitCode()).isZero();
    CliSchemas.assertValid("history", history.out());
    assertThat(BerthJson.mapper().readTree(history.out()).get("commits")).as("the two applies and the init").hasSize(3);
    assertThat(show.exitCode()).isZero();
    CliSchemas.assertValid("show", show.out());
    ObjectNode declared = (ObjectNode) BerthJson.mapper().readTree(show.out());
    declared.remove(List.of("formatVersion", "commit", "stacks"));
    assertThat(CliSchemas.schema(CliSchemas.read(CliSchemas.ROOT.resolve("docs/plan-schema.json")), "target")
        .validate(declared)).as("show --json's state against plan-schema.json $defs/target").isEmpty();
  }

  @Test
  void theSchemaRefusesAnotherFormatAndAnUnknownMember() throws Exception {
    String history = "{\"formatVersion\": 1, \"commits\": [{\"id\": \"" + "a".repeat(40) + "\", \"time\":"
        + " \"2026-12-05T10:17:22Z\", \"author\": \"ci\", \"summary\": \"Plan: 1 to add\"}]}";
    CliSchemas.assertValid("history", history);

    for (String refused : List.of(history.replace("\"formatVersion\": 1", "\"formatVersion\": 2"),
        history.replace("\"author\"", "\"lifetime\": 3, \"author\""))) {
      assertThat(CliSchemas.schema(CliSchemas.TREE, "history").validate(BerthJson.mapper().readTree(refused)))
          .as(refused).isNotEmpty();
    }
  }

  @Test
  void theSchemaNamesExactlyTheMembersTheCommandsWrite() {
    Map<String, Class<? extends Record>> views = Map.of("ps", JsonViews.Tasks.class, "task", JsonViews.Task.class,
        "port", JsonViews.Port.class, "services", JsonViews.Services.class, "service", JsonViews.Service.class,
        "deployment", JsonViews.Deployment.class, "event", JsonViews.Event.class);
    views.forEach((name, type) -> assertThat(members(CliSchemas.TREE.get("$defs").get(name)))
        .as("$defs/%s against %s", name, type.getSimpleName())
        .isEqualTo(new TreeSet<>(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList())));
  }

  private static Set<String> members(JsonNode definition) {
    List<String> names = new ArrayList<>();
    definition.get("properties").fieldNames().forEachRemaining(names::add);
    return new TreeSet<>(names);
  }
}
