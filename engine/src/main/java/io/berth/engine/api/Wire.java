package io.berth.engine.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Null normalisation for the wire records: JSON may omit empty members, the records never hold null. */
final class Wire {
  private Wire() {}

  static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : List.copyOf(value);
  }

  /** Sorted so that the same attributes always serialise to the same bytes. */
  static Map<String, String> map(Map<String, String> value) {
    return value == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(value));
  }

  @SuppressWarnings("OptionalAssignedToNull")
  static <T> Optional<T> optional(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  static <T> T required(T value, String member) {
    return Objects.requireNonNull(value, () -> member + " is required");
  }
}
