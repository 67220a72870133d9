package io.berth.engine.api;

import java.util.List;
import java.util.Optional;

/**
 * One discovery name of a service and where its healthy tasks answer: {@code GET /v1/discovery} lists
 * every one, {@code GET /v1/discovery/{namespace}/{name}} one. The agents' DNS answers
 * {@code name.namespace} with each endpoint's address (A) and {@code _name._tcp.namespace} with address
 * and port (SRV), for {@code ttlSeconds}.
 */
public record DiscoveryEntry(
    String cluster,
    String serviceName,
    String namespace,
    String name,
    int ttlSeconds,
    List<Endpoint> endpoints) {

  /** Normalises an omitted endpoint list. */
  public DiscoveryEntry {
    Wire.required(namespace, "namespace");
    Wire.required(name, "name");
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  /** The A records' name, {@code name.namespace}, lower case. */
  public String dnsName() {
    return (name + "." + namespace).toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * A healthy task: its agent's advertised address, and the host port of the registry's container port
   * there (absent when the task publishes none).
   */
  public record Endpoint(String taskId, String address, Optional<Integer> port) {
    /** Normalises an omitted port. */
    public Endpoint {
      Wire.required(address, "address");
      port = port == null ? Optional.empty() : port;
    }
  }
}
