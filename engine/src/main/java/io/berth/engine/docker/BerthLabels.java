package io.berth.engine.docker;

/**
 * The Docker labels Berth puts on everything it creates. They tie containers, networks and volumes
 * to their task and host agent, so a restarted agent finds its own containers again and several
 * agents can share one Docker engine without touching each other's.
 */
public final class BerthLabels {
  /** Container instance id of the agent that owns the object. */
  public static final String INSTANCE = "berth.instance";
  /** Task id. */
  public static final String TASK = "berth.task";
  /** Container name within the task definition. */
  public static final String CONTAINER = "berth.container";
  /** Cluster name. */
  public static final String CLUSTER = "berth.cluster";
  /** Task definition family. */
  public static final String FAMILY = "berth.family";
  /** Task definition revision. */
  public static final String REVISION = "berth.revision";
  /** Volume scope ("task" or "shared") on volumes Berth creates. */
  public static final String VOLUME_SCOPE = "berth.volume-scope";

  private BerthLabels() {}
}
