package io.berth.model;

/** A name/value pair: an environment variable or a proxy property. */
public record KeyValuePair(
    String name,
    String value) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public KeyValuePair {
    Defaults.required(name, "name");
    Defaults.required(value, "value");
  }
}
