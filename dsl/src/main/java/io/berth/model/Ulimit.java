package io.berth.model;

/** A resource limit of a container. */
public record Ulimit(
    UlimitName name,
    Integer softLimit,
    Integer hardLimit) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public Ulimit {
    Defaults.required(name, "name");
    Defaults.required(softLimit, "softLimit");
    Defaults.required(hardLimit, "hardLimit");
  }
}
