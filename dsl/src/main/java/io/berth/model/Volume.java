package io.berth.model;

import java.util.Optional;

/** A task volume: a bind mount (host), a Docker volume, or EFS. */
public record Volume(
    String name,
    Optional<HostVolume> host,
    Optional<DockerVolumeConfiguration> dockerVolumeConfiguration,
    Optional<EfsVolumeConfiguration> efsVolumeConfiguration) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public Volume {
    Defaults.required(name, "name");
    host = Defaults.optional(host);
    dockerVolumeConfiguration = Defaults.optional(dockerVolumeConfiguration);
    efsVolumeConfiguration = Defaults.optional(efsVolumeConfiguration);
  }
}
