package io.berth.cql;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a Cluster Query Language expression can ask about a container instance. The scheduler's
 * container instance implements it; tests and the plan's dry-run implement it over simple records.
 */
public interface QueryTarget {
  /** The value of attribute {@code name} (e.g. {@code ecs.availability-zone}), if the instance has it. */
  Optional<String> attribute(String name);

  /** The instance id ({@code ec2InstanceId} / {@code instanceId} in expressions). */
  String instanceId();

  /** Whether the host agent is connected to the control plane. */
  boolean agentConnected();

  /** The host agent's version, e.g. {@code 1.4.0}. */
  String agentVersion();

  /** When the instance registered with the cluster. */
  Instant registeredAt();

  /** How many tasks run on the instance. */
  int runningTasksCount();

  /** The task groups ({@code service:web}, {@code family:batch}) of the tasks on the instance. */
  Set<String> taskGroups();
}
