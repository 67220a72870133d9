package io.berth.dsl;

import io.berth.model.LoadBalancer;
import io.berth.model.ModelPaths;
import java.util.Objects;
import java.util.Optional;

/** Routes a listener port to a container port of the service's tasks: {@code lb -> lb.container("httpd", 8080).listenerPort(80)}. */
public final class LoadBalancerSpec {
  private final String path;
  private final CallSites sites;
  private Optional<String> containerName = Optional.empty();
  private Optional<Integer> containerPort = Optional.empty();
  private Optional<Integer> listenerPort = Optional.empty();

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

  LoadBalancer build(String servicePath) {
    String name = containerName.orElseThrow(() -> new IllegalStateException(
        servicePath + ".loadBalancer: no target container; call container(name, port) in the loadBalancer lambda"));
    int port = containerPort.orElseThrow();
    return new LoadBalancer(name, port, listenerPort.orElse(port));
  }

  private void record(String member) {
    sites.record(ModelPaths.member(path, member));
  }
}
