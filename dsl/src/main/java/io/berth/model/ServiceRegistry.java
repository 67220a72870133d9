package io.berth.model;

import java.util.Optional;

/**
 * A service's registration in Berth's service discovery, ECS's {@code serviceRegistries} entry with the
 * registry named by {@code namespace} and {@code name} instead of a Cloud Map ARN: the agents answer
 * DNS for {@code name.namespace} (A records, the advertised address of each healthy task's host) and
 * {@code _name._tcp.namespace} (SRV records, that address and the task's host port for
 * {@code containerPort} of {@code containerName}). Without a container, the SRV port is the task
 * definition's first TCP port mapping.
 */
public record ServiceRegistry(
    String namespace,
    String name,
    Optional<String> containerName,
    Optional<Integer> containerPort) {

  /** Normalises absent optionals so the model holds no nulls. */
  public ServiceRegistry {
    Defaults.required(namespace, "namespace");
    Defaults.required(name, "name");
    containerName = Defaults.optional(containerName);
    containerPort = Defaults.optional(containerPort);
  }

  /** A registration with A records and the SRV port of the first TCP port mapping. */
  public ServiceRegistry(String namespace, String name) {
    this(namespace, name, Optional.empty(), Optional.empty());
  }

  /** The DNS name of the A records, {@code name.namespace}, in lower case (DNS names ignore case). */
  public String dnsName() {
    return (name + "." + namespace).toLowerCase(java.util.Locale.ROOT);
  }
}
