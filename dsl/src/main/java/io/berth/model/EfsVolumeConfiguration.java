package io.berth.model;

import java.util.Optional;

/** An Amazon EFS volume (kept for compatibility; Berth's agent does not mount EFS). */
public record EfsVolumeConfiguration(
    String fileSystemId,
    Optional<String> rootDirectory,
    Optional<Toggle> transitEncryption,
    Optional<Integer> transitEncryptionPort,
    Optional<EfsAuthorizationConfig> authorizationConfig) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public EfsVolumeConfiguration {
    Defaults.required(fileSystemId, "fileSystemId");
    rootDirectory = Defaults.optional(rootDirectory);
    transitEncryption = Defaults.optional(transitEncryption);
    transitEncryptionPort = Defaults.optional(transitEncryptionPort);
    authorizationConfig = Defaults.optional(authorizationConfig);
  }
}
