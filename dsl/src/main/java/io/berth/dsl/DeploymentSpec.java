package io.berth.dsl;

import io.berth.model.DeploymentCircuitBreaker;
import io.berth.model.DeploymentConfiguration;
import io.berth.model.ModelPaths;
import java.util.Optional;

/**
 * A service's rolling-deployment bounds and circuit breaker. Defaults are ECS's: a replica service
 * runs at most 200% and keeps at least 100% healthy; a daemon service 100% and 0%.
 */
public final class DeploymentSpec {
  private final String path;
  private final CallSites sites;
  private Optional<Integer> maximumPercent = Optional.empty();
  private Optional<Integer> minimumHealthyPercent = Optional.empty();
  private Optional<DeploymentCircuitBreaker> circuitBreaker = Optional.empty();

  DeploymentSpec(String servicePath, CallSites sites) {
    this.path = ModelPaths.member(servicePath, "deploymentConfiguration");
    this.sites = sites;
  }

  /** Upper bound of running + pending + stopping tasks during a deployment, in percent of the desired count. */
  public DeploymentSpec maximumPercent(int percent) {
    sites.record(ModelPaths.member(path, "maximumPercent"));
    maximumPercent = Optional.of(percent);
    return this;
  }

  /** Lower bound of healthy tasks during a deployment, in percent of the desired count. */
  public DeploymentSpec minimumHealthyPercent(int percent) {
    sites.record(ModelPaths.member(path, "minimumHealthyPercent"));
    minimumHealthyPercent = Optional.of(percent);
    return this;
  }

  /** Turns the circuit breaker on (with rollback to the last completed deployment) or off. */
  public DeploymentSpec circuitBreaker(boolean enable) {
    return circuitBreaker(enable, enable);
  }

  /** Turns the circuit breaker on or off, with or without rollback. */
  public DeploymentSpec circuitBreaker(boolean enable, boolean rollback) {
    sites.record(ModelPaths.member(path, "deploymentCircuitBreaker"));
    circuitBreaker = Optional.of(new DeploymentCircuitBreaker(enable, rollback));
    return this;
  }

  DeploymentConfiguration build(boolean daemon) {
    return new DeploymentConfiguration(maximumPercent.orElse(daemon ? 100 : 200),
        minimumHealthyPercent.orElse(daemon ? 0 : 100), circuitBreaker);
  }
}
