package io.berth.engine.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.json.BerthJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of runtime document writes and deletes committed together, so a burst of task events is one
 * commit. Made from the snapshot it is based on; committing it after someone else wrote fails with
 * {@link StaleStateException} (compare-and-swap).
 *
 * <pre>{@code
 * RuntimeBatch batch = snapshot.batch()
 *     .put(RuntimeStore.TASKS, "prod/3f2c", task)          // any record; written as BerthJson
 *     .delete(RuntimeStore.TASKS, "prod/1a0b")
 *     .build("2 task state changes");
 * }</pre>
 *
 * <p>A batch from {@link RuntimeSnapshot#replacement()} describes the whole new state instead: every
 * document not put is removed (for a control plane that writes its full snapshot each tick).
 */
public record RuntimeBatch(Optional<String> base, String message, Map<String, Optional<byte[]>> edits,
    boolean replaceAll) {

  /** Copies the edits; a batch needs a message and at least one edit. */
  public RuntimeBatch {
    base = base == null ? Optional.empty() : base;
    Objects.requireNonNull(message, "message == null");
    edits = Collections.unmodifiableMap(new LinkedHashMap<>(edits));
  }

  /** Collects edits for one batch. */
  public static final class Builder {
    private final Optional<String> base;
    private final boolean replaceAll;
    private final Map<String, Optional<byte[]>> edits = new LinkedHashMap<>();

    Builder(Optional<String> base, boolean replaceAll) {
      this.base = base;
      this.replaceAll = replaceAll;
    }

    /** Writes {@code value} (serialised with {@code BerthJson}) as {@code <collection>/<id>.json}. */
    public Builder put(String collection, String id, Object value) {
      Objects.requireNonNull(value, "value == null");
      try {
        return putJson(collection, id, BerthJson.mapper().writeValueAsBytes(value));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot write " + collection + "/" + id + " as JSON: " + e.getMessage(), e);
      }
    }

    /** Writes ready-made JSON bytes as {@code <collection>/<id>.json}. */
    public Builder putJson(String collection, String id, byte[] json) {
      edits.put(RuntimeSnapshot.path(collection, id), Optional.of(json.clone()));
      return this;
    }

    /** Removes {@code <collection>/<id>.json} (no error if absent). */
    public Builder delete(String collection, String id) {
      edits.put(RuntimeSnapshot.path(collection, id), Optional.empty());
      return this;
    }

    /** True when nothing was put or deleted. */
    public boolean isEmpty() {
      return edits.isEmpty();
    }

    /** The batch, with the commit message {@code message}. */
    public RuntimeBatch build(String message) {
      return new RuntimeBatch(base, message, edits, replaceAll);
    }
  }
}
