package io.berth.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Null normalisation for the model's compact constructors: the model never holds a null, whether
 * it was built by the DSL or read from JSON that omitted a member.
 */
final class Defaults {
  private Defaults() {}

  static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(value));
  }

  /** Keeps insertion order (JSON member order) while forbidding changes. */
  static <K, V> Map<K, V> map(Map<K, V> value) {
    return value == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(value));
  }

  @SuppressWarnings("OptionalAssignedToNull")
  static <T> Optional<T> optional(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  static <T> T required(T value, String member) {
    return Objects.requireNonNull(value, () -> member + " is required");
  }
}
