package io.berth.engine.api;

import java.util.Optional;

/**
 * Answer to a registration: the instance id to keep, how often to sync, and the credential of that
 * container instance, which the agent sends on every later call instead of the join token.
 *
 * @param instanceToken the instance's own bearer token; absent from a control plane that has none
 */
public record RegisterInstanceResponse(String instanceId, long syncIntervalMillis, Optional<String> instanceToken) {

  /** An answer without a credential. */
  public RegisterInstanceResponse(String instanceId, long syncIntervalMillis) {
    this(instanceId, syncIntervalMillis, Optional.empty());
  }

  /** Checks the id is present. */
  public RegisterInstanceResponse {
    Wire.required(instanceId, "instanceId");
    instanceToken = Wire.optional(instanceToken);
  }

  /** Hides the credential, so a log line never carries it. */
  @Override
  public String toString() {
    return "RegisterInstanceResponse[" + instanceId + ", " + syncIntervalMillis + " ms]";
  }
}
