package io.berth.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.berth.model.DesiredState;

/**
 * The whole-stack desired-state document ({@code berth/v1}): deterministic bytes (record member
 * order, sorted map keys, 2-space indent, {@code "key": value}, trailing newline) so that the Git
 * diffs of it stay small and the same stack always gives the same file.
 */
public final class DesiredStateJson {
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
    DesiredState state;
    try {
      state = BerthJson.mapper().readValue(json, DesiredState.class);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(source + ": " + JsonPaths.of(e) + ": " + JsonPaths.problem(e), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!DesiredState.API_VERSION.equals(state.apiVersion())) {
      throw new IllegalArgumentException(source + ": $.apiVersion: '" + state.apiVersion()
          + "' is not supported; this Berth reads " + DesiredState.API_VERSION);
    }
    return state;
  }
}
