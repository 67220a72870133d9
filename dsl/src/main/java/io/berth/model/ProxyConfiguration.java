package io.berth.model;

import java.util.List;
import java.util.Optional;

/** An App Mesh proxy configuration. */
public record ProxyConfiguration(
    Optional<ProxyType> type,
    String containerName,
    List<KeyValuePair> properties) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public ProxyConfiguration {
    type = Defaults.optional(type);
    Defaults.required(containerName, "containerName");
    properties = Defaults.list(properties);
  }
}
