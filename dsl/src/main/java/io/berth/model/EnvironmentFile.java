package io.berth.model;

/** A file of environment variables loaded into a container. */
public record EnvironmentFile(
    String value,
    EnvironmentFileType type) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public EnvironmentFile {
    Defaults.required(value, "value");
    Defaults.required(type, "type");
  }
}
