package io.berth.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code context.json} in a stack's output directory: the context values the stack read when it
 * ran, each with where it came from ({@code given}, {@code environment}, {@code default}), names
 * sorted. Written only when the stack read one; {@code berth plan} and {@code berth:plan} compare
 * it with the values given now.
 *
 * <pre>{@code
 * { "env" : { "value" : "prod", "from" : "given" }, "imageTag" : { "value" : "4f2c1e0", "from" : "environment" } }
 * }</pre>
 */
public final class ContextFile {
  /** The file's name in the stack's directory. */
  public static final String NAME = "context.json";

  private static final TypeReference<TreeMap<String, Entry>> TYPE = new TypeReference<>() {};

  private ContextFile() {}

  /**
   * One value the stack read.
   *
   * @param value the value
   * @param from {@code given}, {@code environment} or {@code default}
   */
  public record Entry(String value, String from) {}

  /** The document for {@code values}, names sorted. */
  public static String write(Map<String, Entry> values) {
    return BerthJson.write(new TreeMap<>(values));
  }

  /** Reads a document; {@code source} names it in errors. */
  public static Map<String, Entry> read(String source, String json) {
    try {
      return BerthJson.mapper().readValue(json, TYPE);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + " is not a valid context file (" + e.getOriginalMessage()
          + "); rebuild it with mvn compile", e);
    }
  }
}
