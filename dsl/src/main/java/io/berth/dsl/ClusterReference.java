package io.berth.dsl;

/**
 * A cluster a service can run on: one declared in the stack ({@link Cluster}, from
 * {@link Infra#cluster}) or one that exists outside it ({@link ExistingCluster}, from
 * {@link Infra#existingCluster}).
 */
public sealed interface ClusterReference permits Cluster, ExistingCluster {
  /** The cluster's name. */
  String name();
}
