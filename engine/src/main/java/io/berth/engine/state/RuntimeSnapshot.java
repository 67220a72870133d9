package io.berth.engine.state;

import io.berth.json.BerthJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The runtime state at one commit of {@code refs/berth/runtime}: JSON documents addressed by
 * collection and id ({@code tasks/prod/3f2c.json} is collection {@code tasks}, id {@code prod/3f2c}).
 * Ids may contain {@code /} to group documents; each segment is a plain name. Immutable.
 */
public final class RuntimeSnapshot {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,254}");
  private final Optional<String> commit;
  private final NavigableMap<String, byte[]> documents;

  RuntimeSnapshot(Optional<String> commit, Map<String, byte[]> documents) {
    this.commit = commit;
    this.documents = Collections.unmodifiableNavigableMap(new TreeMap<>(documents));
  }

  /** The commit read, empty before the first runtime write. */
  public Optional<String> commit() {
    return commit;
  }

  /** The document {@code <collection>/<id>.json} read as {@code type}, if present. */
  public <T> Optional<T> get(String collection, String id, Class<T> type) {
    String path = path(collection, id);
    byte[] json = documents.get(path);
    return json == null ? Optional.empty() : Optional.of(parse(path, json, type));
  }

  /** The ids in {@code collection}, sorted. */
  public List<String> ids(String collection) {
    String prefix = segment(collection) + "/";
    List<String> ids = new ArrayList<>();
    for (String path : documents.subMap(prefix, prefix + Character.MAX_VALUE).keySet()) {
      ids.add(path.substring(prefix.length(), path.length() - ".json".length()));
    }
    return ids;
  }

  /** Every document of {@code collection} read as {@code type}, in id order. */
  public <T> List<T> list(String collection, Class<T> type) {
    List<T> values = new ArrayList<>();
    for (String id : ids(collection)) {
      values.add(get(collection, id, type).orElseThrow());
    }
    return values;
  }

  /** The raw JSON of {@code <collection>/<id>.json}, if present. */
  public Optional<byte[]> json(String collection, String id) {
    return Optional.ofNullable(documents.get(path(collection, id))).map(byte[]::clone);
  }

  /** A new batch of edits based on this snapshot. */
  public RuntimeBatch.Builder batch() {
    return new RuntimeBatch.Builder(commit, false);
  }

  /** A new batch that replaces everything: documents not put in it are removed. */
  public RuntimeBatch.Builder replacement() {
    return new RuntimeBatch.Builder(commit, true);
  }

  Map<String, byte[]> documents() {
    return documents;
  }

  static String path(String collection, String id) {
    Objects.requireNonNull(id, "id == null");
    StringBuilder path = new StringBuilder(segment(collection));
    for (String part : id.split("/", -1)) {
      path.append('/').append(segment(part));
    }
    return path.append(".json").toString();
  }

  private static String segment(String part) {
    if (part == null || !SEGMENT.matcher(part).matches()) {
      throw new IllegalArgumentException("'" + part + "' is not a valid runtime document name: use letters,"
          + " digits and _ . : @ -, starting with a letter or digit");
    }
    return part;
  }

  private static <T> T parse(String path, byte[] json, Class<T> type) {
    try {
      return BerthJson.mapper().readValue(json, type);
    } catch (IOException e) {
      throw new StateException("runtime document " + path + " is not a valid " + type.getSimpleName() + ": "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }
}
