package io.berth.model;

import java.util.Optional;

/** Mounts every volume of another container of the task. */
public record VolumeFrom(
    Optional<String> sourceContainer,
    Optional<Boolean> readOnly) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public VolumeFrom {
    sourceContainer = Defaults.optional(sourceContainer);
    readOnly = Defaults.optional(readOnly);
  }
}
