package io.berth.model;

/** A key/value tag on a task definition. */
public record Tag(
    String key,
    String value) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public Tag {
    Defaults.required(key, "key");
    Defaults.required(value, "value");
  }
}
