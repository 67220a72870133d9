package io.berth.model;

/** Stops a failing deployment, optionally rolling back to the last completed one. */
public record DeploymentCircuitBreaker(
    Boolean enable,
    Boolean rollback) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public DeploymentCircuitBreaker {
    Defaults.required(enable, "enable");
    Defaults.required(rollback, "rollback");
  }
}
