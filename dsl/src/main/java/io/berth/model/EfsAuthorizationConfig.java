package io.berth.model;

import java.util.Optional;

/** Authorization of an EFS volume. */
public record EfsAuthorizationConfig(
    Optional<String> accessPointId,
    Optional<Toggle> iam) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public EfsAuthorizationConfig {
    accessPointId = Defaults.optional(accessPointId);
    iam = Defaults.optional(iam);
  }
}
