package io.berth.model;

import java.util.Optional;

/** A namespaced kernel parameter (sysctl) of a container. */
public record SystemControl(
    Optional<String> namespace,
    Optional<String> value) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public SystemControl {
    namespace = Defaults.optional(namespace);
    value = Defaults.optional(value);
  }
}
