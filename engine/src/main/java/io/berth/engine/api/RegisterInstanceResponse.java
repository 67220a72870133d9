package io.berth.engine.api;

/** Answer to a registration: the instance id to keep, and how often to sync. */
public record RegisterInstanceResponse(String instanceId, long syncIntervalMillis) {

  /** Checks the id is present. */
  public RegisterInstanceResponse {
    Wire.required(instanceId, "instanceId");
  }
}
