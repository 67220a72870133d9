package io.berth.model;

import java.util.Optional;

/** Rolling deployment bounds as percents of the desired count, and the circuit breaker. */
public record DeploymentConfiguration(
    Integer maximumPercent,
    Integer minimumHealthyPercent,
    Optional<DeploymentCircuitBreaker> deploymentCircuitBreaker) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public DeploymentConfiguration {
    Defaults.required(maximumPercent, "maximumPercent");
    Defaults.required(minimumHealthyPercent, "minimumHealthyPercent");
    deploymentCircuitBreaker = Defaults.optional(deploymentCircuitBreaker);
  }
}
