package io.berth.model;

/** An inference accelerator attached to a task. */
public record InferenceAccelerator(
    String deviceName,
    String deviceType) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public InferenceAccelerator {
    Defaults.required(deviceName, "deviceName");
    Defaults.required(deviceType, "deviceType");
  }
}
