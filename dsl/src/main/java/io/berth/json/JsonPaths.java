package io.berth.json;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/** Turns Jackson's mapping failures into a JSON path ({@code $.containerDefinitions[0].cpu}) and a plain problem statement. */
final class JsonPaths {
  private JsonPaths() {}

  static String of(JsonMappingException e) {
    StringBuilder path = new StringBuilder("$");
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append('.').append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /**
   * The innermost cause's message when it is one of the model's own (an unknown enum spelling
   * lists the allowed values; a missing member says it is required), else Jackson's.
   */
  static String problem(JsonMappingException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
      return cause.getMessage();
    }
    if (e instanceof InvalidFormatException format) {
      return "'" + format.getValue() + "' is not a valid " + format.getTargetType().getSimpleName();
    }
    return e.getOriginalMessage();
  }
}
