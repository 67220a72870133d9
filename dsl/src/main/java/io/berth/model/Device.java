package io.berth.model;

import java.util.List;
import java.util.Optional;

/** A host device exposed to a container. */
public record Device(
    String hostPath,
    Optional<String> containerPath,
    List<DevicePermission> permissions) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public Device {
    Defaults.required(hostPath, "hostPath");
    containerPath = Defaults.optional(containerPath);
    permissions = Defaults.list(permissions);
  }
}
