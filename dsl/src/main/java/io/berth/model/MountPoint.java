package io.berth.model;

import java.util.Optional;

/** A task volume mounted into a container. */
public record MountPoint(
    Optional<String> sourceVolume,
    Optional<String> containerPath,
    Optional<Boolean> readOnly) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public MountPoint {
    sourceVolume = Defaults.optional(sourceVolume);
    containerPath = Defaults.optional(containerPath);
    readOnly = Defaults.optional(readOnly);
  }
}
