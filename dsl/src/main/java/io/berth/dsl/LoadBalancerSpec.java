package io.berth.dsl;

import io.berth.model.LoadBalancer;
import io.berth.model.ModelPaths;
import io.berth.model.TargetGroupProtocol;
import io.berth.model.TargetHealthCheck;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Routes a listener port to a container port of the service's tasks, with the target group's health
 * check and deregistration delay:
 * <pre>{@code
 * lb -> lb.container("httpd", 8080).listenerPort(80)
 *     .healthCheck(h -> h.path("/health").interval(5).healthyThreshold(2))
 *     .deregistrationDelay(30)
 * }</pre>
 */
public final class LoadBalancerSpec {
  private final String path;
  private final CallSites sites;
  private Optional<String> containerName = Optional.empty();
  private Optional<Integer> containerPort = Optional.empty();
  private Optional<Integer> listenerPort = Optional.empty();
  private Optional<TargetGroupProtocol> protocol = Optional.empty();
  private Optional<TargetHealthCheck> healthCheck = Optional.empty();
  private Optional<Integer> deregistrationDelay = Optional.empty();

  LoadBalancerSpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** The target: a container of the service's task definition and its container port. */
  public LoadBalancerSpec container(String name, int port) {
    record("containerName");
    record("containerPort");
    containerName = Optional.of(Objects.requireNonNull(name, "container name == null"));
    containerPort = Optional.of(port);
    return this;
  }

  /** The port the load balancer listens on (defaults to the container port). */
  public LoadBalancerSpec listenerPort(int port) {
    record("listenerPort");
    listenerPort = Optional.of(port);
    return this;
  }

  /** HTTP (the default: requests are routed, counted and timed) or TCP (connections are forwarded). */
  public LoadBalancerSpec protocol(TargetGroupProtocol value) {
    record("protocol");
    protocol = Optional.of(Objects.requireNonNull(value, "protocol == null"));
    return this;
  }

  /** How targets are checked (default: a TCP connect every 30 s). */
  public LoadBalancerSpec healthCheck(Consumer<TargetHealthCheckSpec> configure) {
    String checkPath = ModelPaths.member(path, "healthCheck");
    sites.record(checkPath);
    TargetHealthCheckSpec spec = new TargetHealthCheckSpec(checkPath, sites);
    Objects.requireNonNull(configure, "configure == null").accept(spec);
    healthCheck = Optional.of(spec.build());
    return this;
  }

  /**
   * Seconds a leaving target may finish the requests it has (0-3600, default 300); it stops as soon
   * as it has none, and gets no new ones meanwhile.
   */
  public LoadBalancerSpec deregistrationDelay(int seconds) {
    record("deregistrationDelaySeconds");
    deregistrationDelay = Optional.of(seconds);
    return this;
  }

  LoadBalancer build(String servicePath) {
    String name = containerName.orElseThrow(() -> new IllegalStateException(
        servicePath + ".loadBalancer: no target container; call container(name, port) in the loadBalancer lambda"));
    int port = containerPort.orElseThrow();
    return new LoadBalancer(name, port, listenerPort.orElse(port), protocol, healthCheck, deregistrationDelay);
  }

  private void record(String member) {
    sites.record(ModelPaths.member(path, member));
  }
}
