package io.berth.engine.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of {@link ApplyRequest} and {@link ApplyResponse}, written and read with Jackson's
 * streaming parser rather than its object mapper: the client is a cold {@code berth apply} JVM,
 * where building the mapper's (de)serializers costs more than the whole round trip to the control
 * plane. Both sides use this class, so the two ends cannot disagree on a member's name. Unknown
 * members are skipped, as the mapper would.
 */
public final class ApplyWire {
  private static final JsonFactory JSON = new JsonFactory();

  private ApplyWire() {}

  /** The request as JSON. */
  public static byte[] write(ApplyRequest request) {
    return write(json -> {
      json.writeStringField("desired", request.desired());
      json.writeStringField("workingDirectory", request.workingDirectory());
      if (request.stack().isPresent()) {
        json.writeStringField("stack", request.stack().get());
      }
      json.writeBooleanField("colour", request.colour());
      if (request.author().isPresent()) {
        json.writeStringField("author", request.author().get());
      }
      if (request.runUrl().isPresent()) {
        json.writeStringField("runUrl", request.runUrl().get());
      }
    });
  }

  /** The response as JSON. */
  public static byte[] write(ApplyResponse response) {
    return write(json -> {
      json.writeNumberField("exitCode", response.exitCode());
      json.writeStringField("out", response.out());
      json.writeStringField("err", response.err());
      json.writeStringField("declared", response.declared());
    });
  }

  /** Reads a request; a body that is not one is an {@link IllegalArgumentException} naming the member. */
  public static ApplyRequest readRequest(InputStream in) throws IOException {
    try {
      Map<String, Object> members = read(in);
      return new ApplyRequest(required(members, "desired", String.class), required(members, "workingDirectory",
          String.class), Optional.ofNullable(optional(members, "stack", String.class)),
          Boolean.TRUE.equals(optional(members, "colour", Boolean.class)),
          Optional.ofNullable(optional(members, "author", String.class)),
          Optional.ofNullable(optional(members, "runUrl", String.class)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read ApplyRequest: " + e.getMessage(), e);
    }
  }

  /** Reads a response; a body that is not one is an {@link IllegalArgumentException} naming the member. */
  public static ApplyResponse readResponse(InputStream in) throws IOException {
    try {
      Map<String, Object> members = read(in);
      return new ApplyResponse(required(members, "exitCode", Long.class).intValue(),
          optional(members, "out", String.class), optional(members, "err", String.class),
          optional(members, "declared", String.class));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read ApplyResponse: " + e.getMessage(), e);
    }
  }

  /** Reads the {@link ApiError} of a 4xx/5xx answer. */
  public static ApiError readError(InputStream in) throws IOException {
    Map<String, Object> members = read(in);
    return new ApiError(optional(members, "error", String.class), optional(members, "fix", String.class));
  }

  private interface Members {
    void write(JsonGenerator json) throws IOException;
  }

  private static byte[] write(Members members) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      members.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON to memory", e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /** The top-level members that are strings, whole numbers (as Long) or booleans; nested values are skipped. */
  private static Map<String, Object> read(InputStream in) throws IOException {
    Map<String, Object> members = new HashMap<>();
    try (JsonParser json = JSON.createParser(in)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the body is not a JSON object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        switch (value) {
          case VALUE_STRING -> members.put(name, json.getText());
          case VALUE_NUMBER_INT -> members.put(name, json.getLongValue());
          case VALUE_TRUE, VALUE_FALSE -> members.put(name, value == JsonToken.VALUE_TRUE);
          default -> json.skipChildren(); // null, nested objects and arrays: nothing this type reads
        }
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
    return members;
  }

  private static <T> T required(Map<String, Object> members, String name, Class<T> type) {
    T value = optional(members, name, type);
    if (value == null) {
      throw new IllegalArgumentException("member " + name + " is missing");
    }
    return value;
  }

  private static <T> T optional(Map<String, Object> members, String name, Class<T> type) {
    Object value = members.get(name);
    if (value != null && !type.isInstance(value)) {
      throw new IllegalArgumentException("member " + name + " is not a " + (type == String.class ? "string"
          : type == Long.class ? "whole number" : "boolean"));
    }
    return type.cast(value);
  }
}
