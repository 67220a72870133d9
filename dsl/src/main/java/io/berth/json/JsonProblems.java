package io.berth.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * What went wrong reading a JSON document, in one sentence for a person: where ({@code
 * $.services[0].cpu}, or a line and column) and what, in JSON's words rather than the parser's
 * own types and source excerpts. For every reader of the model and of the API's bodies.
 */
public final class JsonProblems {
  private JsonProblems() {}

  /**
   * E.g. {@code $.clusters: should be a JSON array, not an object}, {@code there is no JSON (the
   * input is empty)}, {@code the JSON ends before the document does (is it cut short?) at line 3,
   * column 1} or {@code not valid JSON: Unexpected character ... at line 1, column 2}.
   */
  public static String describe(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping) {
      boolean nothingRead = mapping.getPath().isEmpty()
          && mapping.getProcessor() instanceof JsonParser parser && parser.currentToken() == null;
      return nothingRead ? "there is no JSON (the input is empty)"
          : JsonPaths.of(mapping) + ": " + JsonPaths.problem(mapping);
    }
    if (e instanceof JsonEOFException) {
      return "the JSON ends before the document does (is it cut short?)" + JsonPaths.at(e);
    }
    return "not valid JSON: " + e.getOriginalMessage() + JsonPaths.at(e);
  }
}
