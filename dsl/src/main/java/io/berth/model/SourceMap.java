package io.berth.model;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where each part of a model was declared: model paths such as
 * {@code taskDefinition[web].container[httpd].memory} mapped to the DSL call that set them. Kept
 * beside the model, not in it, so the model stays a pure value that JSON round-trips.
 */
public record SourceMap(Map<String, SourceLocation> locations) {

  /** An empty map, for models read from JSON. */
  public static final SourceMap EMPTY = new SourceMap(Map.of());

  /** Copies the locations into a sorted, unmodifiable map. */
  public SourceMap {
    locations = Collections.unmodifiableMap(new TreeMap<>(Defaults.map(locations)));
  }

  /**
   * The location of {@code path}, or of its nearest declared parent: a violation on
   * {@code service[web].desiredCount} points at the {@code desiredCount(...)} call if it was made,
   * else at the {@code service("web", ...)} call.
   */
  public Optional<SourceLocation> locate(String path) {
    String candidate = path;
    while (!candidate.isEmpty()) {
      SourceLocation found = locations.get(candidate);
      if (found != null) {
        return Optional.of(found);
      }
      candidate = parentOf(candidate);
    }
    return Optional.empty();
  }

  private static String parentOf(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    if (cut <= 0) {
      return "";
    }
    // "a.b[x]" -> "a.b", "a.b" -> "a", "a[x].c" -> "a[x]"
    return path.substring(0, cut);
  }
}
