package io.berth.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks a JSON tree beside the model record it will become, dropping nulls (the API treats them as
 * absent) and members the model does not have. Each dropped unknown member is reported with its
 * JSON path, so a member the API lacks is never silently lost or silently exported.
 */
final class UnknownMembers {
  private final List<String> warnings = new ArrayList<>();

  private UnknownMembers() {}

  /** Cleans {@code node} in place for {@code type}; returns the warnings, one per dropped member. */
  static List<String> strip(JsonNode node, Class<?> type, String path) {
    UnknownMembers walker = new UnknownMembers();
    walker.walk(node, type, path);
    return List.copyOf(walker.warnings);
  }

  private void walk(JsonNode node, Type type, String path) {
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (raw == Optional.class) {
        walk(node, arguments[0], path);
      } else if (List.class.isAssignableFrom(raw) && node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          walk(array.get(i), arguments[0], path + "[" + i + "]");
        }
      } else if (Map.class.isAssignableFrom(raw) && node instanceof ObjectNode object) {
        removeNulls(object);
      }
      return;
    }
    if (type instanceof Class<?> cls && cls.isRecord() && node instanceof ObjectNode object) {
      walkRecord(object, cls, path);
    }
  }

  private void walkRecord(ObjectNode object, Class<?> type, String path) {
    Iterator<Map.Entry<String, JsonNode>> members = object.fields();
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
        walk(member.getValue(), component.get().getGenericType(), memberPath);
      }
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
