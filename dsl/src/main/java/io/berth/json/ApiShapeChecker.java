package io.berth.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Checks a JSON document against a shape of a botocore service model ({@code service-2.json}):
 * member names, JSON types, enum values and required members, reporting every mismatch with its
 * JSON path. Berth checks each exported task definition against {@code RegisterTaskDefinitionRequest}.
 *
 * <pre>{@code
 * ApiShapeChecker ecs = ApiShapeChecker.of(Files.readString(Path.of("service-2.json")));
 * List<ShapeMismatch> problems = ecs.check("RegisterTaskDefinitionRequest", json);
 * }</pre>
 */
public final class ApiShapeChecker {
  private final JsonNode shapes;

  private ApiShapeChecker(JsonNode shapes) {
    this.shapes = shapes;
  }

  /** A checker for the service model text {@code serviceModelJson}. */
  public static ApiShapeChecker of(String serviceModelJson) {
    try {
      JsonNode model = BerthJson.mapper().readTree(serviceModelJson);
      JsonNode shapes = model.path("shapes");
      if (!shapes.isObject()) {
        throw new IllegalArgumentException("not a botocore service model: no top-level 'shapes' object");
      }
      return new ApiShapeChecker(shapes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("service model is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Every mismatch between {@code json} and the shape {@code shapeName}, in document order. */
  public List<ShapeMismatch> check(String shapeName, String json) {
    try {
      return check(shapeName, BerthJson.mapper().readTree(json));
    } catch (JsonProcessingException e) {
      return List.of(new ShapeMismatch("$", "not valid JSON: " + e.getOriginalMessage()));
    }
  }

  /** Every mismatch between {@code document} and the shape {@code shapeName}, in document order. */
  public List<ShapeMismatch> check(String shapeName, JsonNode document) {
    Objects.requireNonNull(document, "document == null");
    List<ShapeMismatch> mismatches = new ArrayList<>();
    check(shape(shapeName), shapeName, document, "$", mismatches);
    return List.copyOf(mismatches);
  }

  private JsonNode shape(String name) {
    JsonNode shape = shapes.get(name);
    if (shape == null) {
      throw new IllegalArgumentException("no shape '" + name + "' in the service model");
    }
    return shape;
  }

  private void check(JsonNode shape, String shapeName, JsonNode value, String path, List<ShapeMismatch> out) {
    String type = shape.path("type").asText();
    switch (type) {
      case "structure" -> checkStructure(shape, shapeName, value, path, out);
      case "list" -> {
        if (!value.isArray()) {
          out.add(new ShapeMismatch(path, "expected a list (" + shapeName + "), found " + describe(value)));
          return;
        }
        String memberShape = shape.path("member").path("shape").asText();
        for (int i = 0; i < value.size(); i++) {
          check(shape(memberShape), memberShape, value.get(i), path + "[" + i + "]", out);
        }
      }
      case "map" -> {
        if (!value.isObject()) {
          out.add(new ShapeMismatch(path, "expected a map (" + shapeName + "), found " + describe(value)));
          return;
        }
        String valueShape = shape.path("value").path("shape").asText();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
          check(shape(valueShape), valueShape, entry.getValue(), path + "." + entry.getKey(), out);
        }
      }
      case "string" -> checkString(shape, shapeName, value, path, out);
      case "integer", "long" -> expect(value.isIntegralNumber(), "an integer", value, path, out);
      case "double", "float" -> expect(value.isNumber(), "a number", value, path, out);
      case "boolean" -> expect(value.isBoolean(), "a boolean", value, path, out);
      case "timestamp" -> expect(value.isNumber() || value.isTextual(), "a timestamp", value, path, out);
      default -> { } // blob and friends never occur in task definitions; nothing to check
    }
  }

  private void checkStructure(JsonNode shape, String shapeName, JsonNode value, String path, List<ShapeMismatch> out) {
    if (!value.isObject()) {
      out.add(new ShapeMismatch(path, "expected an object (" + shapeName + "), found " + describe(value)));
      return;
    }
    JsonNode members = shape.path("members");
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode member = members.get(field.getKey());
      String memberPath = path + "." + field.getKey();
      if (member == null) {
        out.add(new ShapeMismatch(memberPath, "'" + field.getKey() + "' is not a member of " + shapeName));
      } else if (field.getValue().isNull()) {
        out.add(new ShapeMismatch(memberPath, "null; omit the member instead"));
      } else {
        String memberShape = member.path("shape").asText();
        check(shape(memberShape), memberShape, field.getValue(), memberPath, out);
      }
    }
    for (JsonNode required : shape.path("required")) {
      if (!value.has(required.asText())) {
        out.add(new ShapeMismatch(path + "." + required.asText(), "required member of " + shapeName + " is missing"));
      }
    }
  }

  private static void checkString(JsonNode shape, String shapeName, JsonNode value, String path, List<ShapeMismatch> out) {
    if (!value.isTextual()) {
      out.add(new ShapeMismatch(path, "expected a string, found " + describe(value)));
      return;
    }
    JsonNode allowed = shape.get("enum");
    if (allowed != null && StreamSupport.stream(allowed.spliterator(), false)
        .noneMatch(v -> v.asText().equals(value.asText()))) {
      String values = StreamSupport.stream(allowed.spliterator(), false).map(JsonNode::asText)
          .collect(Collectors.joining(", "));
      out.add(new ShapeMismatch(path, "'" + value.asText() + "' is not in enum " + shapeName + " (" + values + ")"));
    }
  }

  private static void expect(boolean ok, String expected, JsonNode value, String path, List<ShapeMismatch> out) {
    if (!ok) {
      out.add(new ShapeMismatch(path, "expected " + expected + ", found " + describe(value)));
    }
  }

  private static String describe(JsonNode value) {
    return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + value;
  }
}
