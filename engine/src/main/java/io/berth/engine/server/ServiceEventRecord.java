package io.berth.engine.server;

import java.time.Instant;

/**
 * One line of a service's event log, worded like ECS service events. A service is its cluster and its
 * name (two clusters may each run a "web"); both are "" for an event of no service (an instance, an
 * apply), and the cluster is "" in events recorded before events carried it.
 */
public record ServiceEventRecord(long seq, Instant createdAt, String cluster, String serviceName, String message) {
  /** Reads a missing cluster (an event recorded before events carried it) as "". */
  public ServiceEventRecord {
    cluster = cluster == null ? "" : cluster;
  }
}
