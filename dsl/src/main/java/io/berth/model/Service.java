package io.berth.model;

import java.util.List;
import java.util.Optional;

/**
 * A service: keeps a desired count of tasks (REPLICA) or one per instance (DAEMON) of a task definition
 * family in a cluster, optionally behind load balancers and registered in service discovery.
 */
public record Service(
    String serviceName,
    String cluster,
    String taskDefinition,
    Optional<LaunchType> launchType,
    SchedulingStrategy schedulingStrategy,
    Optional<Integer> desiredCount,
    List<PlacementStrategy> placementStrategy,
    List<PlacementConstraint> placementConstraints,
    DeploymentConfiguration deploymentConfiguration,
    Optional<Integer> healthCheckGracePeriodSeconds,
    List<LoadBalancer> loadBalancers,
    List<ServiceRegistry> serviceRegistries) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public Service {
    Defaults.required(serviceName, "serviceName");
    Defaults.required(cluster, "cluster");
    Defaults.required(taskDefinition, "taskDefinition");
    launchType = Defaults.optional(launchType);
    Defaults.required(schedulingStrategy, "schedulingStrategy");
    desiredCount = Defaults.optional(desiredCount);
    placementStrategy = Defaults.list(placementStrategy);
    placementConstraints = Defaults.list(placementConstraints);
    Defaults.required(deploymentConfiguration, "deploymentConfiguration");
    healthCheckGracePeriodSeconds = Defaults.optional(healthCheckGracePeriodSeconds);
    loadBalancers = Defaults.list(loadBalancers);
    serviceRegistries = Defaults.list(serviceRegistries);
  }

  /** A service without service discovery. */
  public Service(String serviceName, String cluster, String taskDefinition, Optional<LaunchType> launchType,
      SchedulingStrategy schedulingStrategy, Optional<Integer> desiredCount, List<PlacementStrategy> placementStrategy,
      List<PlacementConstraint> placementConstraints, DeploymentConfiguration deploymentConfiguration,
      Optional<Integer> healthCheckGracePeriodSeconds, List<LoadBalancer> loadBalancers) {
    this(serviceName, cluster, taskDefinition, launchType, schedulingStrategy, desiredCount, placementStrategy,
        placementConstraints, deploymentConfiguration, healthCheckGracePeriodSeconds, loadBalancers, List.of());
  }
}
