package io.berth.processor.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.berth.json.BerthJson;
import io.berth.json.TaskDefinitionJson;
import io.berth.model.TaskDefinition;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Semantic equality of two task definitions: their RegisterTaskDefinition JSON after spelling out
 * ECS defaults the DSL writes explicitly (network mode bridge, essential true, protocol tcp,
 * readOnly false) and dropping empty objects; every other member, role ARNs included, must be as
 * written. Differences are listed by JSON path.
 */
final class SemanticJson {
  private SemanticJson() {}

  static List<String> differences(TaskDefinition expected, TaskDefinition actual) {
    List<String> differences = new ArrayList<>();
    compare(normalize(expected), normalize(actual), "$", differences);
    return differences;
  }

  static JsonNode normalize(TaskDefinition taskDefinition) {
    JsonNode root;
    try {
      root = BerthJson.mapper().readTree(TaskDefinitionJson.write(taskDefinition));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode td = (ObjectNode) root;
    if (!td.has("networkMode")) {
      td.put("networkMode", "bridge");
    }
    for (JsonNode volume : td.path("volumes")) {
      if (volume.path("host").isObject() && !volume.path("host").has("sourcePath")) {
        ((ObjectNode) volume).remove("host");
      }
    }
    for (JsonNode node : td.path("containerDefinitions")) {
      ObjectNode container = (ObjectNode) node;
      if (!container.has("essential")) {
        container.put("essential", true);
      }
      for (JsonNode port : container.path("portMappings")) {
        if (!port.has("protocol")) {
          ((ObjectNode) port).set("protocol", TextNode.valueOf("tcp"));
        }
      }
      for (String member : List.of("mountPoints", "volumesFrom")) {
        for (JsonNode mount : container.path(member)) {
          if (!mount.has("readOnly")) {
            ((ObjectNode) mount).put("readOnly", false);
          }
        }
      }
    }
    return dropEmpty(td);
  }

  private static JsonNode dropEmpty(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = dropEmpty(field.getValue());
        if ((value.isObject() || value.isArray()) && value.isEmpty()) {
          fields.remove();
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(SemanticJson::dropEmpty);
    }
    return node;
  }

  private static void compare(JsonNode expected, JsonNode actual, String path, List<String> out) {
    if (expected.isObject() && actual.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode e = expected.get(name);
        JsonNode a = actual.get(name);
        if (e == null) {
          out.add(path + "." + name + ": not in the input, synthesized " + a);
        } else if (a == null) {
          out.add(path + "." + name + ": " + e + " in the input, missing from the synthesized JSON");
        } else {
          compare(e, a, path + "." + name, out);
        }
      }
    } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        compare(expected.get(i), actual.get(i), path + "[" + i + "]", out);
      }
    } else if (!expected.equals(actual)) {
      out.add(path + ": " + expected + " in the input, " + actual + " synthesized");
    }
  }
}
