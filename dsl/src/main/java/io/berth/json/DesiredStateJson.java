package io.berth.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.berth.model.DesiredState;
import io.berth.model.TaskDefinition;

/**
 * The whole-stack desired-state document ({@code berth/v1}): deterministic bytes (record member
 * order, sorted map keys, 2-space indent, {@code "key": value}, trailing newline) so that the Git
 * diffs of it stay small and the same stack always gives the same file.
 */
public final class DesiredStateJson {
  /**
   * The shared mapper's reader, stricter: a null element of a list or value of a map is refused
   * (no model list holds one; it would fail later, far from the file), and so are a member the model
   * does not have (a misspelt or hand-added one would otherwise be dropped without a word) and
   * anything after the document.
   */
  private static final ObjectReader READER = BerthJson.mapper().copy()
      .setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
      .readerFor(DesiredState.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectReader TASK_DEFINITION = READER.forType(TaskDefinition.class);

  private DesiredStateJson() {}

  /** The document for {@code state}. */
  public static String write(DesiredState state) {
    return BerthJson.write(state);
  }

  /**
   * Reads a {@code berth/v1} document; {@code source} names it in errors. Fails on another
   * {@code apiVersion}, an unknown enum value, or a missing required member, naming the JSON path.
   */
  public static DesiredState read(String source, String json) {
    String notAnObject = notAnObject(json);
    if (notAnObject != null) {
      throw new IllegalArgumentException(source + " " + notAnObject + ", not a desired state: a JSON object"
          + " {\"apiVersion\": \"" + DesiredState.API_VERSION + "\", \"stack\": ...}");
    }
    DesiredState state;
    try {
      state = READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": " + JsonProblems.describe(e), e);
    }
    if (!DesiredState.API_VERSION.equals(state.apiVersion())) {
      throw new IllegalArgumentException(source + ": $.apiVersion: '" + state.apiVersion()
          + "' is not supported; this Berth reads " + DesiredState.API_VERSION);
    }
    return state;
  }

  /**
   * Reads a task definition file the processor wrote beside the desired state
   * ({@code task-definitions/<family>.json}) as strictly as {@link #read}; null for a file holding
   * {@code null}.
   */
  public static TaskDefinition readTaskDefinition(String source, String json) {
    try {
      return TASK_DEFINITION.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": " + JsonProblems.describe(e), e);
    }
  }

  /** What the document is when it is no JSON object ("is empty", "holds null"...); null when it may be one. */
  private static String notAnObject(String json) {
    int k = 0;
    while (k < json.length() && Character.isWhitespace(json.charAt(k))) {
      k++;
    }
    if (k == json.length()) {
      return "is empty";
    }
    char first = json.charAt(k);
    return switch (first) {
      case '{' -> null;
      case '[' -> "holds a JSON array";
      case '"' -> "holds a JSON string";
      case 'n' -> json.strip().equals("null") ? "holds null" : null;
      case 't', 'f' -> json.strip().equals("true") || json.strip().equals("false") ? "holds a JSON boolean" : null;
      default -> first == '-' || Character.isDigit(first) ? "holds a JSON number" : null;
    };
  }
}
