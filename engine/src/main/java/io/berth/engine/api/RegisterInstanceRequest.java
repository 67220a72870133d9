package io.berth.engine.api;

import java.util.Map;
import java.util.Optional;

/**
 * Body of {@code POST /v1/instances}: an agent registers its host as a container instance. A
 * restarted agent sends the {@code instanceId} it was given before and keeps it.
 *
 * @param cpu cpu units offered (1024 per core)
 * @param memory memory offered, MiB
 * @param attributes placement attributes such as {@code ecs.availability-zone}
 * @param address the address the host's task ports are published on ({@code berth agent --advertise});
 *     empty from an agent that does not send it, which the control plane then takes from the connection
 */
public record RegisterInstanceRequest(
    String cluster,
    Optional<String> instanceId,
    String hostname,
    int cpu,
    int memory,
    Map<String, String> attributes,
    String agentVersion,
    String address) {

  /** A registration without an advertised address (the control plane uses the connection's). */
  public RegisterInstanceRequest(String cluster, Optional<String> instanceId, String hostname, int cpu, int memory,
      Map<String, String> attributes, String agentVersion) {
    this(cluster, instanceId, hostname, cpu, memory, attributes, agentVersion, "");
  }

  /** Normalises omitted members. */
  public RegisterInstanceRequest {
    Wire.required(cluster, "cluster");
    instanceId = Wire.optional(instanceId);
    Wire.required(hostname, "hostname");
    attributes = Wire.map(attributes);
    agentVersion = agentVersion == null ? "unknown" : agentVersion;
    address = address == null ? "" : address;
  }

  /** The same registration asking for {@code id} (empty: a new instance). */
  public RegisterInstanceRequest withInstanceId(Optional<String> id) {
    return new RegisterInstanceRequest(cluster, id, hostname, cpu, memory, attributes, agentVersion, address);
  }
}
