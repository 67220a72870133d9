package io.berth.model;

import java.util.List;
import java.util.Optional;

/** Linux-specific settings of a container. */
public record LinuxParameters(
    Optional<KernelCapabilities> capabilities,
    List<Device> devices,
    Optional<Boolean> initProcessEnabled,
    Optional<Integer> sharedMemorySize,
    List<Tmpfs> tmpfs,
    Optional<Integer> maxSwap,
    Optional<Integer> swappiness) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public LinuxParameters {
    capabilities = Defaults.optional(capabilities);
    devices = Defaults.list(devices);
    initProcessEnabled = Defaults.optional(initProcessEnabled);
    sharedMemorySize = Defaults.optional(sharedMemorySize);
    tmpfs = Defaults.list(tmpfs);
    maxSwap = Defaults.optional(maxSwap);
    swappiness = Defaults.optional(swappiness);
  }
}
