package io.berth.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Walks a JSON tree beside the model record it will become, dropping nulls (the API treats them as
 * absent) and members the model does not have, and finding values of the wrong JSON type. Each
 * dropped unknown member is a warning with its JSON path, so a member the API lacks is never
 * silently lost or silently exported. Each wrongly typed value ({@code "false"} where the API wants
 * a boolean, {@code "256"} where it wants a number, {@code 256} where it wants a string) is an
 * error with its path: the tree is still mended so the rest can be read, but the caller refuses
 * the file, since ECS's own clients refuse it too.
 */
final class RequestTree {
  private final List<String> warnings = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  private RequestTree() {}

  /** What a walk found: dropped members (warnings) and wrongly typed values (errors). */
  record Findings(List<String> warnings, List<String> errors) {}

  /** Cleans {@code node} in place for {@code type}; returns the warnings and errors, each with its JSON path. */
  static Findings walk(JsonNode node, Class<?> type, String path) {
    RequestTree walker = new RequestTree();
    walker.walk(node, type, path, replacement -> { });
    return new Findings(List.copyOf(walker.warnings), List.copyOf(walker.errors));
  }

  private void walk(JsonNode node, Type type, String path, Consumer<JsonNode> replace) {
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (raw == Optional.class) {
        walk(node, arguments[0], path, replace);
      } else if (List.class.isAssignableFrom(raw) && node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          int index = i;
          walk(array.get(i), arguments[0], path + "[" + i + "]", value -> array.set(index, value));
        }
      } else if (Map.class.isAssignableFrom(raw) && node instanceof ObjectNode object) {
        removeNulls(object);
        for (Map.Entry<String, JsonNode> entry : List.copyOf(object.properties())) {
          walk(entry.getValue(), arguments[1], path + "." + entry.getKey(), value -> object.set(entry.getKey(), value));
        }
      }
      return;
    }
    if (type instanceof Class<?> cls) {
      if (cls.isRecord() && node instanceof ObjectNode object) {
        walkRecord(object, cls, path);
      } else {
        checkScalar(node, cls, path, replace);
      }
    }
  }

  private void checkScalar(JsonNode node, Class<?> type, String path, Consumer<JsonNode> replace) {
    if ((type == Integer.class || type == Double.class) && node.isTextual()) {
      try {
        String text = node.asText().trim();
        replace.accept(type == Integer.class ? IntNode.valueOf(Integer.parseInt(text))
            : DoubleNode.valueOf(Double.parseDouble(text)));
        errors.add(path + ": expected a number, found the string \"" + node.asText() + "\"; write " + text
            + " without quotes");
      } catch (NumberFormatException notANumber) {
        errors.add(path + ": expected a number, found the string \"" + node.asText() + "\"; write a number");
        replace.accept(IntNode.valueOf(0));
      }
    } else if (type == Boolean.class && node.isTextual()) {
      String text = node.asText().trim();
      errors.add(path + ": expected a boolean, found the string \"" + node.asText() + "\"; write "
          + (text.equals("true") || text.equals("false") ? text : "true or false") + " without quotes");
      replace.accept(BooleanNode.valueOf(text.equals("true")));
    } else if ((type == String.class || type.isEnum()) && (node.isNumber() || node.isBoolean())) {
      errors.add(path + ": expected a string, found " + node + "; write \"" + node.asText() + "\"");
      replace.accept(TextNode.valueOf(node.asText()));
    }
  }

  private void walkRecord(ObjectNode object, Class<?> type, String path) {
    Iterator<Map.Entry<String, JsonNode>> members = object.fields();
    List<Map.Entry<String, RecordComponent>> known = new ArrayList<>();
    while (members.hasNext()) {
      Map.Entry<String, JsonNode> member = members.next();
      String memberPath = path + "." + member.getKey();
      Optional<RecordComponent> component = component(type, member.getKey());
      if (member.getValue().isNull()) {
        members.remove();
      } else if (component.isEmpty()) {
        warnings.add(memberPath + ": '" + member.getKey() + "' is not a member of " + type.getSimpleName()
            + " in the ECS API model; dropped (remove it from the file to silence this warning)");
        members.remove();
      } else {
        known.add(Map.entry(member.getKey(), component.get()));
      }
    }
    for (Map.Entry<String, RecordComponent> member : known) {
      String name = member.getKey();
      walk(object.get(name), member.getValue().getGenericType(), path + "." + name, value -> object.set(name, value));
    }
  }

  private static void removeNulls(ObjectNode object) {
    object.properties().removeIf(entry -> entry.getValue().isNull());
  }

  private static Optional<RecordComponent> component(Class<?> type, String name) {
    for (RecordComponent component : type.getRecordComponents()) {
      if (component.getName().equals(name)) {
        return Optional.of(component);
      }
    }
    return Optional.empty();
  }
}
