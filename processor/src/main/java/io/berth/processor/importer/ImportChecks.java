package io.berth.processor.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.json.BerthJson;
import io.berth.model.DesiredState;
import io.berth.model.ExternalReference;
import io.berth.model.Role;
import io.berth.model.SourceMap;
import io.berth.model.TaskDefinition;
import io.berth.validation.Validator;
import io.berth.validation.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks {@code berth import} runs before it writes anything: the validator the processor runs
 * on the stack the generated source declares (the task definition, the roles it declares and the
 * existing roles it refers to), so a file the compile would refuse is refused here, each problem
 * at its member's JSON path in the input.
 */
final class ImportChecks {
  private static final Pattern BERTH_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final List<String> KEYS = List.of("name", "containerName", "hostname", "namespace", "deviceName",
      "key");

  private ImportChecks() {}

  /** The roles the generated source declares and refers to, by the ARN the task definition carries. */
  record Roles(Map<String, Role> declared, Map<String, ExternalReference> existing) {}

  /**
   * One role per distinct ARN: a Berth ARN ({@code arn:berth:iam::role/x}) is a Berth role the
   * source declares; anything else is an existing role, an ARN (or any other text) kept exactly as
   * written, a bare role name in Berth's ARN form.
   */
  static Roles roles(TaskDefinition td) {
    Map<String, Role> declared = new LinkedHashMap<>();
    Map<String, ExternalReference> existing = new LinkedHashMap<>();
    for (Optional<String> arn : List.of(td.taskRoleArn(), td.executionRoleArn())) {
      if (arn.isEmpty() || declared.containsKey(arn.get()) || existing.containsKey(arn.get())) {
        continue;
      }
      String name = arn.get().substring(arn.get().lastIndexOf('/') + 1);
      if (arn.get().startsWith(Role.ARN_PREFIX)) {
        declared.put(arn.get(), new Role(arn.get().substring(Role.ARN_PREFIX.length()), List.of()));
      } else if (arn.get().startsWith("arn:") || !BERTH_NAME.matcher(arn.get()).matches()) {
        existing.put(arn.get(), new ExternalReference(ExternalReference.Kind.ROLE, name, Optional.of(arn.get())));
      } else {
        existing.put(arn.get(), new ExternalReference(ExternalReference.Kind.ROLE, arn.get(), Optional.empty()));
      }
    }
    return new Roles(declared, existing);
  }

  /** The errors the processor would report for the stack {@code stack} declaring {@code td}, at JSON paths. */
  static List<String> errors(TaskDefinition td, String stack) {
    Roles roles = roles(td);
    DesiredState state = new DesiredState(DesiredState.API_VERSION, stack, List.of(),
        List.copyOf(roles.declared().values()), List.of(td), List.of(), List.of(),
        List.copyOf(roles.existing().values()));
    JsonNode tree = BerthJson.mapper().valueToTree(td);
    List<String> errors = new ArrayList<>();
    for (Violation violation : Validator.errors(Validator.validate(state, SourceMap.EMPTY))) {
      errors.add(jsonPath(violation.path(), tree, td) + ": [" + violation.code() + "] " + violation.message());
    }
    return errors;
  }

  /**
   * The JSON path of a model path: {@code taskDefinition[web].container[app].portMappings[0].hostPort}
   * becomes {@code $.containerDefinitions[0].portMappings[0].hostPort}; list elements named by a key
   * become their index, map entries their member.
   */
  static String jsonPath(String modelPath, JsonNode tree, TaskDefinition td) {
    List<String[]> segments = segments(modelPath);
    if (segments.isEmpty()) {
      return "$";
    }
    if (segments.get(0)[0].equals("existingRole")) {
      String arn = segments.get(0)[1];
      return td.taskRoleArn().filter(arn::equals).isPresent() ? "$.taskRoleArn" : "$.executionRoleArn";
    }
    if (!segments.get(0)[0].equals("taskDefinition")) {
      return "$";
    }
    StringBuilder path = new StringBuilder("$");
    JsonNode node = tree;
    for (String[] segment : segments.subList(1, segments.size())) {
      String member = switch (segment[0]) {
        case "container" -> "containerDefinitions";
        case "volume" -> "volumes";
        case "placementConstraint" -> "placementConstraints";
        default -> segment[0];
      };
      path.append('.').append(member);
      node = node == null ? null : node.get(member);
      if (segment[1] == null) {
        continue;
      }
      String key = segment[1];
      if (node != null && node.isArray()) {
        int index = indexOf(node, key);
        path.append('[').append(index < 0 ? key : String.valueOf(index)).append(']');
        node = index < 0 ? null : node.get(index);
      } else {
        path.append('.').append(key);
        node = node == null ? null : node.get(key);
      }
    }
    return path.toString();
  }

  private static int indexOf(JsonNode array, String key) {
    if (key.matches("\\d+")) {
      return Integer.parseInt(key);
    }
    for (int i = 0; i < array.size(); i++) {
      for (String field : KEYS) {
        if (key.equals(array.get(i).path(field).asText(null))) {
          return i;
        }
      }
    }
    return -1;
  }

  /** {@code a[x].b.c[y]} as {@code [a, x], [b, null], [c, y]}; keys may hold dots. */
  private static List<String[]> segments(String path) {
    List<String[]> segments = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      int end = i;
      while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
        end++;
      }
      String name = path.substring(i, end);
      String key = null;
      if (end < path.length() && path.charAt(end) == '[') {
        int close = path.indexOf(']', end);
        close = close < 0 ? path.length() : close;
        key = path.substring(end + 1, close);
        end = Math.min(path.length(), close + 1);
      }
      segments.add(new String[] {name, key});
      i = end < path.length() && path.charAt(end) == '.' ? end + 1 : end;
    }
    return segments;
  }
}
