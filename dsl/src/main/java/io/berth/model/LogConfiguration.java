package io.berth.model;

import java.util.List;
import java.util.Map;

/** Where a container's output goes. */
public record LogConfiguration(
    LogDriver logDriver,
    Map<String, String> options,
    List<Secret> secretOptions) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public LogConfiguration {
    Defaults.required(logDriver, "logDriver");
    options = Defaults.map(options);
    secretOptions = Defaults.list(secretOptions);
  }
}
