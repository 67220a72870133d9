package io.berth.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
    if (cause instanceof NullPointerException && !String.valueOf(cause.getMessage()).endsWith(" is required")) {
      // the JDK's own words ("Cannot invoke ... because ... is null"), not the model's
      return "null where a value is needed (an element of a list?)";
    }
    if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
      return cause.getMessage();
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
          : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      return "unknown member \"" + unknown.getPropertyName() + "\": this berth does not read it, so it would be"
          + " ignored; remove it or correct its name" + (known.isEmpty() ? "" : " (the members here: "
          + String.join(", ", known) + ")");
    }
    if (e instanceof InvalidFormatException format) {
      return "'" + format.getValue() + "' is not a valid " + format.getTargetType().getSimpleName();
    }
    if (e instanceof InvalidNullException) {
      return "null is not allowed here; remove it or give a value";
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      // Jackson names its own types (java.util.ArrayList<io.berth.model.Cluster>); say it in JSON's words
      String found = e.getProcessor() instanceof JsonParser parser ? kind(parser.currentToken()) : null;
      return "should be " + expected(mismatch.getTargetType()) + (found == null ? "" : ", not " + found);
    }
    return e.getOriginalMessage();
  }

  /** " at line L, column C" of where the parser stopped, or "" when unknown. */
  static String at(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    return location == null || location.getLineNr() < 1 ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String expected(Class<?> type) {
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a JSON array";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    return Map.class.isAssignableFrom(type) || type.isRecord() ? "a JSON object" : "another kind of value";
  }

  private static String kind(JsonToken token) {
    if (token == null) {
      return null;
    }
    return switch (token) {
      case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
      case START_ARRAY, END_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> null;
    };
  }
}
