package io.berth.model;

/** A special resource (GPU, accelerator) a container needs. */
public record ResourceRequirement(
    String value,
    ResourceType type) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public ResourceRequirement {
    Defaults.required(value, "value");
    Defaults.required(type, "type");
  }
}
