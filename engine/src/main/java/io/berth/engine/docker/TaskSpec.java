package io.berth.engine.docker;

import io.berth.model.TaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One task to run on this host: its identity, the agent that owns it, and its task definition.
 *
 * @param instanceId the owning agent's container instance id (label {@code berth.instance})
 * @param extraLabels more labels for every object of the task (tests use one to clean up)
 * @param publishAddress the agent's advertised address: bridge and awsvpc ports are published on it,
 *     and host-mode ports are reported at it
 * @param resolvers the agent's discovery DNS for containers with a network of their own (bridge,
 *     awsvpc), given to Docker as their resolver unless a container sets dnsServers; host-mode
 *     containers get the publish address, where the agent serves the same DNS; empty: Docker's default
 */
public record TaskSpec(
    String instanceId,
    String taskId,
    String cluster,
    String family,
    int revision,
    TaskDefinition taskDefinition,
    Map<String, String> extraLabels,
    String publishAddress,
    List<String> resolvers) {

  /** The address ports are published on when the agent advertises none: loopback. */
  public static final String LOOPBACK = "127.0.0.1";

  /** A task whose ports are published on loopback. */
  public TaskSpec(String instanceId, String taskId, String cluster, String family, int revision,
      TaskDefinition taskDefinition, Map<String, String> extraLabels) {
    this(instanceId, taskId, cluster, family, revision, taskDefinition, extraLabels, LOOPBACK, List.of());
  }

  /** A task whose containers resolve names as Docker's default does. */
  public TaskSpec(String instanceId, String taskId, String cluster, String family, int revision,
      TaskDefinition taskDefinition, Map<String, String> extraLabels, String publishAddress) {
    this(instanceId, taskId, cluster, family, revision, taskDefinition, extraLabels, publishAddress, List.of());
  }

  // Task ids become part of Docker object names, which allow only these characters.
  private static final Pattern DOCKER_NAME_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  /** Checks the ids can name Docker objects. */
  public TaskSpec {
    Objects.requireNonNull(instanceId, "instanceId == null");
    Objects.requireNonNull(taskId, "taskId == null");
    Objects.requireNonNull(cluster, "cluster == null");
    Objects.requireNonNull(family, "family == null");
    Objects.requireNonNull(taskDefinition, "taskDefinition == null");
    if (!DOCKER_NAME_PART.matcher(instanceId).matches()) {
      throw new IllegalArgumentException("container instance id '" + instanceId + "' cannot name Docker containers;"
          + " use letters, digits, '_', '.' and '-' only, starting with a letter or digit");
    }
    if (!DOCKER_NAME_PART.matcher(taskId).matches()) {
      throw new IllegalArgumentException("task id '" + taskId + "' cannot name Docker containers; use letters,"
          + " digits, '_', '.' and '-' only, starting with a letter or digit");
    }
    extraLabels = Map.copyOf(extraLabels);
    publishAddress = publishAddress == null || publishAddress.isBlank() ? LOOPBACK : publishAddress;
    resolvers = resolvers == null ? List.of() : List.copyOf(resolvers);
  }

  /** The labels every Docker object of this task carries, sorted. */
  public Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>(extraLabels);
    labels.put(BerthLabels.INSTANCE, instanceId);
    labels.put(BerthLabels.TASK, taskId);
    labels.put(BerthLabels.CLUSTER, cluster);
    labels.put(BerthLabels.FAMILY, family);
    labels.put(BerthLabels.REVISION, Integer.toString(revision));
    return labels;
  }

  /**
   * Docker name of the task's container {@code container}: unique per engine, so a task never starts
   * twice. It ends with the owning instance's id because task ids are only unique within one control
   * plane: two clusters on one engine (two {@code berth up} directories, say) may both have a task
   * {@code local-web-1}, and without the suffix one would take the other's container for its own.
   */
  public String containerName(String container) {
    return "berth-" + taskId + "-" + container + "." + instanceId;
  }

  /** Docker name of the task's own network in awsvpc mode. */
  public String networkName() {
    return networkName(instanceId, taskId);
  }

  /** Docker name of the awsvpc network of task {@code taskId} of instance {@code instanceId}. */
  public static String networkName(String instanceId, String taskId) {
    return "berth-task-" + taskId + "." + instanceId;
  }

  /** Docker name of a task-scoped volume (instance suffix: see {@link #containerName}). */
  public String taskVolumeName(String volume) {
    return "berth-" + taskId + "-" + volume + "." + instanceId;
  }
}
