package io.berth.engine.server;

import io.berth.engine.balancer.ListenerView;
import io.berth.engine.scheduler.deployment.DeploymentStatus;
import io.berth.engine.scheduler.deployment.RolloutState;
import java.util.List;

/**
 * A service as {@code berth services} and {@code apply --wait} see it: counts plus its
 * deployments, newest first, and its load balancers' listeners with their targets and counts.
 */
public record ServiceView(
    String cluster,
    String serviceName,
    String taskDefinition,
    int desiredCount,
    int runningCount,
    int healthyCount,
    int pendingCount,
    List<DeploymentView> deployments,
    List<ListenerView> loadBalancers,
    String stack,
    int clusterInstances) {

  /** Copies the lists. */
  public ServiceView {
    stack = stack == null ? "" : stack;
    deployments = deployments == null ? List.of() : List.copyOf(deployments);
    loadBalancers = loadBalancers == null ? List.of() : List.copyOf(loadBalancers);
  }

  /** A service of no known stack, whose cluster's instances were not counted. */
  public ServiceView(String cluster, String serviceName, String taskDefinition, int desiredCount, int runningCount,
      int healthyCount, int pendingCount, List<DeploymentView> deployments, List<ListenerView> loadBalancers) {
    this(cluster, serviceName, taskDefinition, desiredCount, runningCount, healthyCount, pendingCount, deployments,
        loadBalancers, "", -1);
  }

  /** A service without load balancers. */
  public ServiceView(String cluster, String serviceName, String taskDefinition, int desiredCount, int runningCount,
      int healthyCount, int pendingCount, List<DeploymentView> deployments) {
    this(cluster, serviceName, taskDefinition, desiredCount, runningCount, healthyCount, pendingCount, deployments,
        List.of());
  }

  /** The same service with its listeners. */
  public ServiceView withLoadBalancers(List<ListenerView> listeners) {
    return new ServiceView(cluster, serviceName, taskDefinition, desiredCount, runningCount, healthyCount, pendingCount,
        deployments, listeners, stack, clusterInstances);
  }

  /** A deployment without its task definition body. */
  public record DeploymentView(String id, String taskDefinition, int sourceRevision, DeploymentStatus status,
      RolloutState rolloutState, int desiredCount, int runningCount, int healthyCount,
      int failedTasks, String rolloutStateReason) {}

  /** True when no container instance belongs to the service's cluster: its tasks wait for an agent to join it. */
  public boolean noInstances() {
    return clusterInstances == 0;
  }

  /** True when the newest deployment is done, one way or the other. */
  public boolean settled() {
    return !deployments.isEmpty() && deployments.get(0).rolloutState() != RolloutState.IN_PROGRESS
        && deployments.stream().skip(1).allMatch(d -> d.status() == DeploymentStatus.INACTIVE);
  }

  /** True when the declared revision failed: its deployment FAILED, or a roll back replaced it. */
  public boolean failed() {
    if (deployments.isEmpty()) {
      return false;
    }
    DeploymentView primary = deployments.get(0);
    return primary.rolloutState() == RolloutState.FAILED
        || !primary.taskDefinition().endsWith(":" + primary.sourceRevision());
  }
}
