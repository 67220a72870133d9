package io.berth.engine.server;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A registered container instance as the control plane tracks it. {@code lastSyncAt} drives the
 * lost-instance rule; a lost instance that syncs again becomes ACTIVE again. {@code address} is the
 * agent's advertised address, where its tasks' ports are published and load balancers reach them.
 */
public record InstanceRecord(
    String instanceId,
    String cluster,
    String hostname,
    int cpu,
    int memory,
    Map<String, String> attributes,
    String agentVersion,
    Instant registeredAt,
    Instant lastSyncAt,
    InstanceStatus status,
    String address) {

  /** Copies the attributes; an instance recorded before addresses were kept has none (""). */
  public InstanceRecord {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    address = address == null ? "" : address;
  }

  /** The availability zone attribute, or "" when the instance has none. */
  public String zone() {
    return attributes.getOrDefault("ecs.availability-zone", "");
  }

  /**
   * Whether this ACTIVE instance has not synced for longer than {@code lostAfter} at {@code now}: the
   * rule by which a pass marks it LOST, and by which a quiet tick knows a pass is due.
   */
  public boolean missedSyncs(Duration lostAfter, Instant now) {
    return status == InstanceStatus.ACTIVE && lastSyncAt.plus(lostAfter).isBefore(now);
  }

  /** The same instance after a sync at {@code at}: ACTIVE again even if it was lost. */
  public InstanceRecord synced(Instant at) {
    return new InstanceRecord(instanceId, cluster, hostname, cpu, memory, attributes, agentVersion,
        registeredAt, at, InstanceStatus.ACTIVE, address);
  }

  /** The same instance with another last sync time. */
  public InstanceRecord withLastSyncAt(Instant at) {
    return new InstanceRecord(instanceId, cluster, hostname, cpu, memory, attributes, agentVersion,
        registeredAt, at, status, address);
  }

  /** The same instance with another status. */
  public InstanceRecord withStatus(InstanceStatus newStatus) {
    return new InstanceRecord(instanceId, cluster, hostname, cpu, memory, attributes, agentVersion,
        registeredAt, lastSyncAt, newStatus, address);
  }

  /** Container instance status; LOST is Berth's name for an agent that stopped syncing. */
  public enum InstanceStatus { ACTIVE, DRAINING, LOST }
}
