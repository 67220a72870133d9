package io.berth.model;

import java.util.Map;
import java.util.Optional;

/** A Docker-managed volume. */
public record DockerVolumeConfiguration(
    Optional<VolumeScope> scope,
    Optional<Boolean> autoprovision,
    Optional<String> driver,
    Map<String, String> driverOpts,
    Map<String, String> labels) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public DockerVolumeConfiguration {
    scope = Defaults.optional(scope);
    autoprovision = Defaults.optional(autoprovision);
    driver = Defaults.optional(driver);
    driverOpts = Defaults.map(driverOpts);
    labels = Defaults.map(labels);
  }
}
