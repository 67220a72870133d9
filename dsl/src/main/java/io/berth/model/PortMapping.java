package io.berth.model;

import java.util.Optional;

/** A container port, optionally published on a host port (0 or absent: dynamic in bridge mode). */
public record PortMapping(
    Optional<Integer> containerPort,
    Optional<Integer> hostPort,
    Optional<TransportProtocol> protocol,
    Optional<String> name,
    Optional<ApplicationProtocol> appProtocol,
    Optional<String> containerPortRange) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public PortMapping {
    containerPort = Defaults.optional(containerPort);
    hostPort = Defaults.optional(hostPort);
    protocol = Defaults.optional(protocol);
    name = Defaults.optional(name);
    appProtocol = Defaults.optional(appProtocol);
    containerPortRange = Defaults.optional(containerPortRange);
  }
}
