package io.berth.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 2, "Done when" 2 and 3: every corpus file imports; files with invalid enum placeholders
 * (SOURCES.md: "not in enum") fail naming the path and the allowed values; every other file
 * exports back to JSON semantically equal to its input, and the export fits the
 * RegisterTaskDefinitionRequest shape of the real API model.
 */
class CorpusRoundTripTest {
  private static final Pattern ENUM_DEVIATION = Pattern.compile("\\$(\\.[A-Za-z.\\[\\]]+): '([^']*)' not in enum (\\w+)");

  @Test
  void everyCorpusFileImportsAndRoundTripsOrFailsPrecisely() throws IOException {
    Path corpus = SharedData.dir().resolve("ecs-corpus");
    Map<String, List<String>> expectedEnumFailures = enumDeviations(SharedData.read(corpus.resolve("SOURCES.md")));
    ApiShapeChecker shapes = SharedData.ecsShapes();
    List<Path> files;
    try (Stream<Path> listing = Files.list(corpus)) {
      files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    int roundTripped = 0;
    int rejected = 0;
    int warned = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      String json = SharedData.read(file);
      List<String> expectedFailure = expectedEnumFailures.get(name);
      if (expectedFailure != null) {
        assertThatThrownBy(() -> TaskDefinitionJson.read(name, json))
            .isInstanceOf(TaskDefinitionJsonException.class)
            .hasMessageStartingWith(name + ": $" + expectedFailure.get(0).replace("[]", "[0]"))
            .hasMessageContaining("'" + expectedFailure.get(1) + "' is not a valid")
            .hasMessageContaining("allowed values: ");
        System.out.println("REJECTED  " + name + "  (" + failureOf(name, json) + ")");
        rejected++;
        continue;
      }
      ImportedTaskDefinition imported = TaskDefinitionJson.read(name, json);
      String exported = TaskDefinitionJson.write(imported.taskDefinition());
      JsonNode expected = normalise(input(json));
      for (String warning : imported.warnings()) {
        assertThat(warning).startsWith(name + ": $.").contains("is not a member of");
        remove(expected, warning.substring(name.length() + 2, warning.indexOf(": ", name.length() + 2)));
      }
      assertThat(normalise(BerthJson.mapper().readTree(exported)))
          .as("%s exports back to the same task definition", name)
          .isEqualTo(expected);
      assertThat(shapes.check("RegisterTaskDefinitionRequest", exported))
          .as("%s export fits RegisterTaskDefinitionRequest", name).isEmpty();
      System.out.println("OK        " + name + (imported.warnings().isEmpty() ? "" : "  warnings: " + imported.warnings()));
      roundTripped++;
      warned += imported.warnings().isEmpty() ? 0 : 1;
    }
    System.out.printf("corpus: %d files, %d round-tripped (%d with dropped-member warnings), %d rejected precisely%n",
        files.size(), roundTripped, warned, rejected);
    assertThat(files).hasSizeGreaterThanOrEqualTo(57);
    assertThat(rejected).isEqualTo(expectedEnumFailures.size());
    assertThat(roundTripped + rejected).isEqualTo(files.size());
  }

  @Test
  void membersTheApiLacksAreReportedAndDropped() {
    ImportedTaskDefinition imported = TaskDefinitionJson.read("td.json", """
        {"family": "f", "containerDefinitions": [{"name": "c", "image": "i", "portBindings": [{"x": 1}]}]}
        """);
    assertThat(imported.warnings()).containsExactly("td.json: $.containerDefinitions[0].portBindings: 'portBindings'"
        + " is not a member of ContainerDefinition in the ECS API model; dropped (remove it from the file to silence this warning)");
    assertThat(TaskDefinitionJson.write(imported.taskDefinition())).doesNotContain("portBindings");
  }

  @Test
  void anUnknownEnumValueNamesFilePathAndAllowedValues() {
    assertThatThrownBy(() -> TaskDefinitionJson.read("td.json", """
        {"family": "f", "containerDefinitions": [{"name": "c", "dependsOn": [{"containerName": "d", "condition": "READY"}]}]}
        """)).isInstanceOf(TaskDefinitionJsonException.class)
        .hasMessage("td.json: $.containerDefinitions[0].dependsOn[0].condition: 'READY' is not a valid ContainerCondition;"
            + " allowed values: START, COMPLETE, SUCCESS, HEALTHY");
  }

  @Test
  void describeOutputAndNullsAreAcceptedAndValuesOfTheWrongTypeAreErrors() {
    ImportedTaskDefinition imported = TaskDefinitionJson.read("d.json", """
        {"taskDefinition": {"family": "f", "revision": 7, "status": "ACTIVE", "cpu": 256, "memory": null,
          "containerDefinitions": [{"name": "c", "cpu": "128", "essential": "false", "ulimits": null}]},
         "tags": [{"key": "team", "value": "shop"}]}
        """);
    assertThat(imported.warnings()).isEmpty();
    assertThat(imported.typeErrors()).containsExactly(
        "d.json: $.cpu: expected a string, found 256; write \"256\"",
        "d.json: $.containerDefinitions[0].cpu: expected a number, found the string \"128\"; write 128 without quotes",
        "d.json: $.containerDefinitions[0].essential: expected a boolean, found the string \"false\"; write false"
            + " without quotes");
    assertThat(imported.taskDefinition().cpu()).contains("256");
    assertThat(imported.taskDefinition().memory()).isEmpty();
    assertThat(imported.taskDefinition().containerDefinitions().get(0).cpu()).contains(128);
    assertThat(imported.taskDefinition().containerDefinitions().get(0).isEssential()).isFalse();
    assertThat(imported.taskDefinition().tags()).hasSize(1);
  }

  @Test
  void aMissingFamilyIsReportedAsRequired() {
    assertThatThrownBy(() -> TaskDefinitionJson.read("td.json", "{\"containerDefinitions\": []}"))
        .isInstanceOf(TaskDefinitionJsonException.class)
        .hasMessageContaining("td.json: $")
        .hasMessageContaining("family is required");
  }

  private static String failureOf(String name, String json) {
    try {
      TaskDefinitionJson.read(name, json);
      return "no failure";
    } catch (TaskDefinitionJsonException e) {
      return e.getMessage().substring(name.length() + 2);
    }
  }

  /** SOURCES.md rows whose notes say "'value' not in enum": file -> [path, value] (the first such deviation). */
  private static Map<String, List<String>> enumDeviations(String sources) {
    Map<String, List<String>> result = new TreeMap<>();
    for (String line : sources.split("\n")) {
      if (!line.startsWith("| ") || !line.contains("not in enum")) {
        continue;
      }
      String file = line.substring(2, line.indexOf(" |"));
      Matcher m = ENUM_DEVIATION.matcher(line);
      if (m.find()) {
        result.put(file, List.of(m.group(1), m.group(2)));
      }
    }
    return result;
  }

  private static ObjectNode input(String json) throws IOException {
    ObjectNode root = (ObjectNode) BerthJson.mapper().readTree(json);
    if (root.has("taskDefinition") && !root.has("containerDefinitions")) {
      root = (ObjectNode) root.get("taskDefinition");
    }
    TaskDefinitionJson.READ_ONLY_MEMBERS.forEach(root::remove);
    return root;
  }

  /** Nulls and empty collections are absent; scalars compare by their text (256 == "256"). */
  static JsonNode normalise(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        JsonNode value = normalise(entry.getValue());
        if (value != null) {
          out.set(entry.getKey(), value);
        }
      }
      return out.isEmpty() ? null : out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> {
        JsonNode value = normalise(element);
        out.add(value == null ? JsonNodeFactory.instance.nullNode() : value);
      });
      return out.isEmpty() ? null : out;
    }
    if (node.isNull()) {
      return null;
    }
    return JsonNodeFactory.instance.textNode(node.asText());
  }

  /** Removes the member at a path like {@code $.containerDefinitions[0].inferenceDevices}. */
  private static void remove(JsonNode root, String path) {
    List<String> steps = new ArrayList<>(List.of(path.substring(2).split("\\.")));
    String last = steps.remove(steps.size() - 1);
    JsonNode node = root;
    for (String step : steps) {
      node = step(node, step);
    }
    ((ObjectNode) step(node, "")).remove(last);
  }

  private static JsonNode step(JsonNode node, String step) {
    if (step.isEmpty()) {
      return node;
    }
    int bracket = step.indexOf('[');
    JsonNode next = node.get(bracket < 0 ? step : step.substring(0, bracket));
    if (bracket >= 0) {
      next = next.get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
    }
    return next;
  }
}
