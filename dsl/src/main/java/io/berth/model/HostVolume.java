package io.berth.model;

import java.util.Optional;

/** A bind mount source on the host. */
public record HostVolume(
    Optional<String> sourcePath) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public HostVolume {
    sourcePath = Defaults.optional(sourcePath);
  }
}
