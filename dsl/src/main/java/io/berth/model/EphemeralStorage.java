package io.berth.model;

/** Task ephemeral storage in GiB. */
public record EphemeralStorage(
    Integer sizeInGiB) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public EphemeralStorage {
    Defaults.required(sizeInGiB, "sizeInGiB");
  }
}
