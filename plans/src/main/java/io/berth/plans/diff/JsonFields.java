package io.berth.plans.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.json.BerthJson;
import io.berth.plans.FieldChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Flattens a resource's JSON into attribute paths and compares two of them. Arrays of named objects
 * (containers, environment variables, secrets) are keyed by name, so reordering nothing but a list
 * does not show as a change of every element: {@code containerDefinitions[web].environment[PORT]}.
 * Arrays of plain values are one attribute.
 */
final class JsonFields {
  private JsonFields() {}

  static JsonNode tree(Object value) {
    return BerthJson.mapper().valueToTree(value);
  }

  /** Leaf attribute path to compact JSON value, sorted by path. */
  static Map<String, String> flatten(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    walk("", node, out);
    return out;
  }

  /** The attributes that differ between {@code before} and {@code after}, sorted by path. */
  static List<FieldChange> diff(JsonNode before, JsonNode after) {
    Map<String, String> b = flatten(before);
    Map<String, String> a = flatten(after);
    List<FieldChange> changes = new ArrayList<>();
    for (String path : new TreeSet<>(union(b, a))) {
      String was = b.get(path);
      String now = a.get(path);
      if (was == null || now == null || !was.equals(now)) {
        changes.add(new FieldChange(path, Optional.ofNullable(was), Optional.ofNullable(now)));
      }
    }
    return changes;
  }

  /** Every attribute of {@code node} as added ({@code created}) or removed. */
  static List<FieldChange> all(JsonNode node, boolean created) {
    List<FieldChange> changes = new ArrayList<>();
    flatten(node).forEach((path, value) -> changes.add(created ? FieldChange.added(path, value)
        : FieldChange.removed(path, value)));
    return changes;
  }

  private static Set<String> union(Map<String, String> b, Map<String, String> a) {
    Set<String> all = new TreeSet<>(b.keySet());
    all.addAll(a.keySet());
    return all;
  }

  private static void walk(String path, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      if (node.isEmpty() && !path.isEmpty()) {
        out.put(path, "{}");
      }
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        walk(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out);
      }
    } else if (node.isArray() && isNamedObjects(node)) {
      for (JsonNode element : node) {
        walk(path + "[" + element.get("name").asText() + "]", element, out);
      }
    } else if (node.isArray() && hasObjects(node)) {
      for (int i = 0; i < node.size(); i++) {
        walk(path + "[" + i + "]", node.get(i), out);
      }
    } else {
      out.put(path, node.toString());
    }
  }

  private static boolean isNamedObjects(JsonNode array) {
    if (array.isEmpty()) {
      return false;
    }
    Set<String> names = new HashSet<>();
    for (JsonNode element : array) {
      if (!element.isObject() || !element.path("name").isTextual() || !names.add(element.get("name").asText())) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasObjects(JsonNode array) {
    for (JsonNode element : array) {
      if (element.isContainerNode()) {
        return true;
      }
    }
    return false;
  }
}
