package io.berth.dsl;

import io.berth.model.LaunchType;
import io.berth.model.LoadBalancer;
import io.berth.model.ModelPaths;
import io.berth.model.PlacementConstraint;
import io.berth.model.PlacementStrategy;
import io.berth.model.SchedulingStrategy;
import io.berth.model.ServiceRegistry;
import io.berth.model.ServiceScaling;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A service declared in the stack: keeps tasks of a {@link TaskDefinition} running on a
 * {@link Cluster}. A replica service keeps {@code desiredCount} tasks (default 1, or the scaling
 * minimum when auto scaling owns the count); a daemon service one per matching instance.
 */
public final class Service {
  private final String name;
  private final ClusterReference cluster;
  private final TaskDefinition taskDefinition;
  private final CallSites sites;
  private SchedulingStrategy schedulingStrategy = SchedulingStrategy.REPLICA;
  private Optional<Integer> desiredCount = Optional.empty();
  private Optional<LaunchType> launchType = Optional.empty();
  private final List<PlacementStrategy> strategies = new ArrayList<>();
  private final List<PlacementConstraint> constraints = new ArrayList<>();
  private final DeploymentSpec deployment;
  private Optional<Integer> healthCheckGracePeriodSeconds = Optional.empty();
  private final List<LoadBalancer> loadBalancers = new ArrayList<>();
  private Optional<AutoScalingSpec> autoScaling = Optional.empty();
  private final List<ServiceRegistry> registries = new ArrayList<>();

  Service(String name, ClusterReference cluster, TaskDefinition taskDefinition, CallSites sites) {
    this.name = Objects.requireNonNull(name, "service name == null");
    this.cluster = Objects.requireNonNull(cluster, "cluster == null (pass the handle infra.cluster(...) returned)");
    this.taskDefinition = Objects.requireNonNull(taskDefinition,
        "taskDefinition == null (pass the handle infra.taskDefinition(...) returned)");
    this.sites = sites;
    this.deployment = new DeploymentSpec(path(), sites);
    sites.record(path());
  }

  /** The service's name. */
  public String name() {
    return name;
  }

  /** How many tasks a replica service keeps running. */
  public Service desiredCount(int count) {
    record("desiredCount");
    desiredCount = Optional.of(count);
    return this;
  }

  /** One task on every instance that meets the constraints; deployment defaults become 100%/0%. */
  public Service daemon() {
    record("schedulingStrategy");
    schedulingStrategy = SchedulingStrategy.DAEMON;
    return this;
  }

  /** The launch type tasks run with. */
  public Service launchType(LaunchType type) {
    record("launchType");
    launchType = Optional.of(Objects.requireNonNull(type, "launchType == null"));
    return this;
  }

  /** Placement strategies in order: {@code p -> p.spread(Field.ZONE).binpack(Resource.MEMORY)}. */
  public Service placement(Consumer<PlacementSpec> configure) {
    Objects.requireNonNull(configure, "configure == null").accept(new PlacementSpec(path(), sites, strategies));
    return this;
  }

  /** A binding placement constraint; tasks that fit nowhere stay PENDING with the reason. */
  public Service constraint(Constraint constraint) {
    Objects.requireNonNull(constraint, "constraint == null");
    sites.record(ModelPaths.element(path(), "placementConstraint", constraints.size()));
    constraints.add(constraint.toModel());
    return this;
  }

  /** Rolling-deployment bounds and circuit breaker. */
  public Service deployment(Consumer<DeploymentSpec> configure) {
    Objects.requireNonNull(configure, "configure == null").accept(deployment);
    return this;
  }

  /** Seconds after a task starts during which failing load balancer health checks are ignored. */
  public Service healthCheckGracePeriod(int seconds) {
    record("healthCheckGracePeriodSeconds");
    healthCheckGracePeriodSeconds = Optional.of(seconds);
    return this;
  }

  /** Puts the service behind a load balancer: {@code lb -> lb.container("httpd", 8080).listenerPort(80)}. */
  public Service loadBalancer(Consumer<LoadBalancerSpec> configure) {
    sites.record(ModelPaths.element(path(), "loadBalancer", loadBalancers.size()));
    LoadBalancerSpec spec = new LoadBalancerSpec(ModelPaths.element(path(), "loadBalancer", loadBalancers.size()), sites);
    Objects.requireNonNull(configure, "configure == null").accept(spec);
    loadBalancers.add(spec.build(path()));
    return this;
  }

  /**
   * Registers the service's healthy tasks in Berth's DNS: {@code sd -> sd.namespace("internal").name("api")}
   * answers {@code api.internal} from every agent.
   */
  public Service serviceDiscovery(Consumer<ServiceDiscoverySpec> configure) {
    String registryPath = ModelPaths.element(path(), "serviceRegistry", registries.size());
    sites.record(registryPath);
    ServiceDiscoverySpec spec = new ServiceDiscoverySpec(registryPath, sites);
    Objects.requireNonNull(configure, "configure == null").accept(spec);
    registries.add(spec.build(path(), name));
    return this;
  }

  /** Lets auto scaling own the desired count between a minimum and a maximum. */
  public Service autoScaling(Consumer<AutoScalingSpec> configure) {
    String scalingPath = ModelPaths.scaling(name);
    sites.record(scalingPath);
    AutoScalingSpec spec = new AutoScalingSpec(scalingPath, sites);
    Objects.requireNonNull(configure, "configure == null").accept(spec);
    autoScaling = Optional.of(spec);
    return this;
  }

  private void record(String member) {
    sites.record(ModelPaths.member(path(), member));
  }

  String path() {
    return ModelPaths.service(name);
  }

  io.berth.model.Service build() {
    boolean daemon = schedulingStrategy == SchedulingStrategy.DAEMON;
    Optional<Integer> count = daemon ? desiredCount
        : Optional.of(desiredCount.orElseGet(() -> autoScaling.map(AutoScalingSpec::min).orElse(1)));
    return new io.berth.model.Service(name, cluster.name(), taskDefinition.family(), launchType,
        schedulingStrategy, count, strategies, constraints, deployment.build(daemon),
        healthCheckGracePeriodSeconds, loadBalancers, registries);
  }

  Optional<ServiceScaling> buildScaling() {
    return autoScaling.map(spec -> spec.build(cluster.name(), name));
  }
}
