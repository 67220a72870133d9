package io.berth.model;

import java.util.Optional;

/** CPU architecture and OS family a task needs. */
public record RuntimePlatform(
    Optional<CpuArchitecture> cpuArchitecture,
    Optional<OsFamily> operatingSystemFamily) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public RuntimePlatform {
    cpuArchitecture = Defaults.optional(cpuArchitecture);
    operatingSystemFamily = Defaults.optional(operatingSystemFamily);
  }
}
