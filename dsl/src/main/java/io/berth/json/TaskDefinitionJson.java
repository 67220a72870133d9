package io.berth.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.model.TaskDefinition;
import java.util.List;
import java.util.Set;

/**
 * Maps task definitions to and from the JSON of the ECS RegisterTaskDefinition request.
 *
 * <p>Reading is tolerant where real files are: describe output wrapped in
 * {@code {"taskDefinition": ...}}, read-only members ({@code revision}, {@code status},
 * {@code taskDefinitionArn}...) and nulls are accepted. It is strict where it must be: an unknown
 * enum value fails naming the file, the JSON path and the allowed values; members the API lacks are
 * dropped and reported as warnings; values of the wrong JSON type (a number or boolean written as a
 * string, or the reverse) are read as meant but reported as {@link ImportedTaskDefinition#typeErrors()},
 * never converted silently.
 */
public final class TaskDefinitionJson {
  /** Members of describe output that RegisterTaskDefinition does not take: dropped without a warning. */
  public static final Set<String> READ_ONLY_MEMBERS = Set.of("taskDefinitionArn", "revision", "status",
      "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt");

  private TaskDefinitionJson() {}

  /** The RegisterTaskDefinition JSON of {@code taskDefinition}, in Berth's stable layout. */
  public static String write(TaskDefinition taskDefinition) {
    return BerthJson.write(taskDefinition);
  }

  /** Reads {@code json}; {@code source} (usually the file name) names the input in errors and warnings. */
  public static ImportedTaskDefinition read(String source, String json) {
    JsonNode root;
    try {
      root = BerthJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new TaskDefinitionJsonException(source, "$", "not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ")", e);
    }
    ObjectNode request = unwrap(source, root);
    READ_ONLY_MEMBERS.forEach(request::remove);
    RequestTree.Findings found = RequestTree.walk(request, TaskDefinition.class, "$");
    List<String> warnings = found.warnings().stream().map(warning -> source + ": " + warning).toList();
    List<String> typeErrors = found.errors().stream().map(error -> source + ": " + error).toList();
    try {
      return new ImportedTaskDefinition(BerthJson.mapper().treeToValue(request, TaskDefinition.class), warnings,
          typeErrors);
    } catch (JsonMappingException e) {
      throw new TaskDefinitionJsonException(source, JsonPaths.of(e), JsonPaths.problem(e), e);
    } catch (JsonProcessingException e) {
      throw new TaskDefinitionJsonException(source, "$", e.getOriginalMessage(), e);
    }
  }

  private static ObjectNode unwrap(String source, JsonNode root) {
    if (!(root instanceof ObjectNode object)) {
      throw new TaskDefinitionJsonException(source, "$",
          "expected a JSON object with 'family' and 'containerDefinitions', found " + root.getNodeType(), null);
    }
    JsonNode wrapped = object.get("taskDefinition");
    if (wrapped instanceof ObjectNode inner && !object.has("containerDefinitions")) {
      // describe-task-definition output: tags sit beside the definition, not inside it.
      if (object.has("tags") && !inner.has("tags")) {
        inner.set("tags", object.get("tags"));
      }
      return inner;
    }
    return object;
  }
}
