package io.berth.dsl;

import io.berth.model.ModelPaths;
import io.berth.model.ServiceRegistry;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers a service in Berth's service discovery: its healthy tasks answer DNS for
 * {@code name.namespace} (A) and {@code _name._tcp.namespace} (SRV):
 * <pre>{@code
 * sd -> sd.namespace("internal").name("api")                    // api.internal
 * sd -> sd.namespace("internal").name("api").container("httpd", 8080) // SRV port: httpd's 8080
 * }</pre>
 */
public final class ServiceDiscoverySpec {
  private final String path;
  private final CallSites sites;
  private Optional<String> namespace = Optional.empty();
  private Optional<String> name = Optional.empty();
  private Optional<String> containerName = Optional.empty();
  private Optional<Integer> containerPort = Optional.empty();

  ServiceDiscoverySpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** The namespace, one or more DNS labels ({@code internal}, {@code shop.local}). */
  public ServiceDiscoverySpec namespace(String value) {
    record("namespace");
    namespace = Optional.of(Objects.requireNonNull(value, "namespace == null"));
    return this;
  }

  /** The service's name in the namespace, one DNS label (defaults to the service's name). */
  public ServiceDiscoverySpec name(String value) {
    record("name");
    name = Optional.of(Objects.requireNonNull(value, "name == null"));
    return this;
  }

  /** The container port whose host port SRV records carry (default: the first TCP port mapping). */
  public ServiceDiscoverySpec container(String container, int port) {
    record("containerName");
    record("containerPort");
    containerName = Optional.of(Objects.requireNonNull(container, "container name == null"));
    containerPort = Optional.of(port);
    return this;
  }

  ServiceRegistry build(String servicePath, String serviceName) {
    String ns = namespace.orElseThrow(() -> new IllegalStateException(
        servicePath + ".serviceDiscovery: no namespace; call namespace(\"internal\") in the serviceDiscovery lambda"));
    return new ServiceRegistry(ns, name.orElse(serviceName), containerName, containerPort);
  }

  private void record(String member) {
    sites.record(ModelPaths.member(path, member));
  }
}
