package io.berth.model;

/** A secret injected as an environment variable, resolved by the agent at start. */
public record Secret(
    String name,
    String valueFrom) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public Secret {
    Defaults.required(name, "name");
    Defaults.required(valueFrom, "valueFrom");
  }
}
