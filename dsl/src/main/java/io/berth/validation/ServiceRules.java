package io.berth.validation;

import io.berth.model.Compatibility;
import io.berth.model.ContainerDefinition;
import io.berth.model.DeploymentConfiguration;
import io.berth.model.LaunchType;
import io.berth.model.LoadBalancer;
import io.berth.model.ModelPaths;
import io.berth.model.NetworkMode;
import io.berth.model.PlacementConstraint;
import io.berth.model.PlacementConstraintType;
import io.berth.model.PlacementStrategy;
import io.berth.model.SchedulingStrategy;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Rules about services: references, deployment bounds, daemon rules, placement and load balancers. */
final class ServiceRules {
  static final int MAX_STRATEGIES = 5;
  static final int MAX_CONSTRAINTS = 10;
  static final int MAX_LOAD_BALANCERS = 5;

  private ServiceRules() {}

  static void check(Service service, Set<String> clusters, Map<String, TaskDefinition> tasks, boolean scaled,
      Findings findings) {
    String path = ModelPaths.service(service.serviceName());
    NameRules.checkName("service", service.serviceName(), path, findings);
    if (!clusters.contains(service.cluster())) {
      findings.add(ViolationCode.SERVICE_REFERENCE, path, "service '" + service.serviceName() + "' runs on cluster '"
          + service.cluster() + "', which the stack neither declares nor refers to; declare it with infra.cluster(\""
          + service.cluster() + "\") or refer to it with infra.existingCluster(\"" + service.cluster() + "\")");
    }
    TaskDefinition task = tasks.get(service.taskDefinition());
    if (task == null) {
      findings.add(ViolationCode.SERVICE_REFERENCE, path, "service '" + service.serviceName()
          + "' runs task definition '" + service.taskDefinition() + "', which the stack does not declare");
    }
    service.desiredCount().filter(count -> count < 0).ifPresent(count -> findings.add(ViolationCode.DESIRED_COUNT,
        ModelPaths.member(path, "desiredCount"), "desiredCount " + count + " is negative; use 0 or more"));
    if (service.schedulingStrategy() == SchedulingStrategy.DAEMON) {
      checkDaemon(service, path, scaled, findings);
    }
    checkDeployment(service, path, findings);
    checkPlacement(service, task, path, findings);
    checkLoadBalancers(service, task, path, findings);
    service.launchType().ifPresent(type -> checkLaunchType(service, type, task, path, findings));
  }

  private static void checkDaemon(Service service, String path, boolean scaled, Findings findings) {
    if (service.desiredCount().isPresent()) {
      findings.add(ViolationCode.DAEMON_RULES, ModelPaths.member(path, "desiredCount"), "a DAEMON service runs one task"
          + " per instance; remove desiredCount", ModelPaths.member(path, "schedulingStrategy"),
          "the service is made a DAEMON here");
    }
    if (!service.placementStrategy().isEmpty()) {
      findings.add(ViolationCode.DAEMON_RULES, ModelPaths.element(path, "placementStrategy", 0), "a DAEMON service"
          + " takes no placement strategy; remove it (constraints still apply)");
    }
    if (scaled) {
      findings.add(ViolationCode.DAEMON_RULES, ModelPaths.scaling(service.serviceName()), "a DAEMON service cannot be"
          + " auto scaled; remove autoScaling or make the service a replica service",
          ModelPaths.member(path, "schedulingStrategy"), "the service is made a DAEMON here");
    }
    if (service.deploymentConfiguration().maximumPercent() != 100) {
      findings.add(ViolationCode.DAEMON_RULES, ModelPaths.member(ModelPaths.member(path, "deploymentConfiguration"),
          "maximumPercent"), "a DAEMON service has maximumPercent 100 (one task per instance), not "
          + service.deploymentConfiguration().maximumPercent() + "; remove the setting");
    }
  }

  private static void checkDeployment(Service service, String path, Findings findings) {
    DeploymentConfiguration deployment = service.deploymentConfiguration();
    String deploymentPath = ModelPaths.member(path, "deploymentConfiguration");
    int min = deployment.minimumHealthyPercent();
    int max = deployment.maximumPercent();
    if (min < 0 || min > 100) {
      findings.add(ViolationCode.DEPLOYMENT_PERCENT, ModelPaths.member(deploymentPath, "minimumHealthyPercent"),
          "minimumHealthyPercent " + min + " is outside 0-100");
    }
    if (service.schedulingStrategy() == SchedulingStrategy.REPLICA && max < 100) {
      findings.add(ViolationCode.DEPLOYMENT_PERCENT, ModelPaths.member(deploymentPath, "maximumPercent"),
          "maximumPercent " + max + " is below 100; a replica service could not even run its desired count");
      return;
    }
    int desired = service.desiredCount().orElse(0);
    if (service.schedulingStrategy() == SchedulingStrategy.REPLICA && desired > 0 && min >= 0 && min <= 100) {
      // ECS's arithmetic: the deployment must be able to stop or start at least one task.
      long maxRunning = (long) desired * max / 100;
      long minHealthy = -Math.floorDiv(-(long) desired * min, 100);
      if (maxRunning <= desired && minHealthy >= desired) {
        findings.add(ViolationCode.DEPLOYMENT_PERCENT, deploymentPath, "with desiredCount " + desired
            + ", maximumPercent " + max + " and minimumHealthyPercent " + min
            + " a deployment can neither start a new task nor stop an old one; raise maximumPercent or lower"
            + " minimumHealthyPercent");
      }
    }
  }

  private static void checkPlacement(Service service, TaskDefinition task, String path, Findings findings) {
    List<PlacementStrategy> strategies = service.placementStrategy();
    if (strategies.size() > MAX_STRATEGIES) {
      findings.add(ViolationCode.PLACEMENT_LIMITS, ModelPaths.element(path, "placementStrategy", MAX_STRATEGIES),
          strategies.size() + " placement strategies; at most " + MAX_STRATEGIES + " are allowed");
    }
    for (int i = 0; i < strategies.size(); i++) {
      checkStrategy(strategies.get(i), ModelPaths.element(path, "placementStrategy", i), findings);
    }
    List<PlacementConstraint> constraints = service.placementConstraints();
    // ECS counts the task definition's constraints against the same limit.
    int fromTask = task == null ? 0 : task.placementConstraints().size();
    if (constraints.size() + fromTask > MAX_CONSTRAINTS) {
      findings.add(ViolationCode.PLACEMENT_LIMITS, ModelPaths.element(path, "placementConstraint",
          Math.max(0, Math.min(constraints.size() - 1, MAX_CONSTRAINTS - fromTask))), constraints.size()
          + " placement constraints" + (fromTask > 0 ? " plus " + fromTask + " from the task definition" : "")
          + "; at most " + MAX_CONSTRAINTS + " are allowed in total");
    }
    for (int i = 0; i < constraints.size(); i++) {
      PlacementConstraint constraint = constraints.get(i);
      String constraintPath = ModelPaths.element(path, "placementConstraint", i);
      if (constraint.type() == PlacementConstraintType.MEMBEROF) {
        TaskDefinitionRules.checkExpression(constraint.expression().orElse(""), constraintPath, findings);
      } else if (constraint.expression().isPresent()) {
        findings.add(ViolationCode.MEMBER_OF_SYNTAX, constraintPath, "distinctInstance takes no expression; remove it");
      }
    }
  }

  private static void checkStrategy(PlacementStrategy strategy, String path, Findings findings) {
    Optional<String> field = strategy.field();
    switch (strategy.type()) {
      case BINPACK -> {
        if (field.isEmpty() || !(field.get().equals("cpu") || field.get().equals("memory"))) {
          findings.add(ViolationCode.PLACEMENT_STRATEGY, path, "binpack packs on cpu or memory, not '"
              + field.orElse("") + "'");
        }
      }
      case SPREAD -> {
        boolean ok = field.map(f -> f.equals("instanceId") || f.equals("host")
            || (f.startsWith("attribute:") && f.length() > "attribute:".length())).orElse(false);
        if (!ok) {
          findings.add(ViolationCode.PLACEMENT_STRATEGY, path, "spread balances over instanceId, host or"
              + " attribute:<name>, not '" + field.orElse("") + "'");
        }
      }
      case RANDOM -> field.ifPresent(f -> findings.add(ViolationCode.PLACEMENT_STRATEGY, path,
          "random takes no field; remove '" + f + "'"));
      default -> throw new IllegalStateException("unknown strategy " + strategy.type());
    }
  }

  private static void checkLoadBalancers(Service service, TaskDefinition task, String path, Findings findings) {
    List<LoadBalancer> balancers = service.loadBalancers();
    service.healthCheckGracePeriodSeconds().ifPresent(seconds -> {
      String gracePath = ModelPaths.member(path, "healthCheckGracePeriodSeconds");
      if (seconds < 0) {
        findings.add(ViolationCode.HEALTH_CHECK_GRACE_PERIOD, gracePath, "healthCheckGracePeriodSeconds " + seconds
            + " is negative; use 0 or more");
      } else if (balancers.isEmpty() && task != null && task.containerDefinitions().stream()
          .noneMatch(c -> c.isEssential() && c.healthCheck().isPresent())) {
        findings.add(ViolationCode.IGNORED_SETTING, gracePath, "the grace period applies to load balancer and"
            + " container health checks, and this service has neither; add .healthCheck(...) to an essential"
            + " container or remove the grace period");
      }
    });
    if (balancers.size() > MAX_LOAD_BALANCERS) {
      findings.add(ViolationCode.LOAD_BALANCER_TARGET, ModelPaths.element(path, "loadBalancer", MAX_LOAD_BALANCERS),
          balancers.size() + " load balancers; a service takes at most " + MAX_LOAD_BALANCERS);
    }
    for (int i = 0; i < balancers.size(); i++) {
      LoadBalancer balancer = balancers.get(i);
      String lbPath = ModelPaths.element(path, "loadBalancer", i);
      if (balancer.containerPort() < 1 || balancer.containerPort() > 65535) {
        findings.add(ViolationCode.LOAD_BALANCER_TARGET, ModelPaths.member(lbPath, "containerPort"), "containerPort "
            + balancer.containerPort() + " is outside 1-65535");
      }
      if (balancer.listenerPort() < 1 || balancer.listenerPort() > 65535) {
        findings.add(ViolationCode.LOAD_BALANCER_TARGET, ModelPaths.member(lbPath, "listenerPort"), "listenerPort " + balancer.listenerPort()
            + " is outside 1-65535");
      }
      if (task == null) {
        continue;
      }
      Optional<ContainerDefinition> container = task.container(balancer.containerName());
      if (container.isEmpty()) {
        findings.add(ViolationCode.LOAD_BALANCER_TARGET, ModelPaths.member(lbPath, "containerName"),
            "load balancer targets container '"
            + balancer.containerName() + "', which task definition '" + task.family() + "' does not have");
      } else if (container.get().portMappings().stream()
          .noneMatch(p -> p.containerPort().equals(Optional.of(balancer.containerPort())))) {
        findings.add(ViolationCode.LOAD_BALANCER_TARGET, ModelPaths.member(lbPath, "containerPort"),
            "load balancer targets port "
            + balancer.containerPort() + " of '" + balancer.containerName() + "', which maps no such containerPort;"
            + " add .portMapping(" + balancer.containerPort() + ") to the container");
      }
    }
  }

  private static void checkLaunchType(Service service, LaunchType type, TaskDefinition task, String path,
      Findings findings) {
    String typePath = ModelPaths.member(path, "launchType");
    if (task != null) {
      Compatibility needed = Compatibility.fromApiValue(type.apiValue());
      boolean compatible = task.requiresCompatibilities().isEmpty()
          ? needed == Compatibility.EC2 || needed == Compatibility.EXTERNAL
          : task.requiresCompatibilities().contains(needed);
      if (!compatible) {
        findings.add(ViolationCode.LAUNCH_TYPE, typePath, "launch type " + type.apiValue() + " needs task definition '"
            + task.family() + "' to list " + needed.apiValue() + " in requiresCompatibilities",
            ModelPaths.member(ModelPaths.taskDefinition(task.family()), "requiresCompatibilities"),
            "the task definition's compatibilities are set here");
      }
      if (type == LaunchType.EXTERNAL && task.effectiveNetworkMode() == NetworkMode.AWSVPC) {
        findings.add(ViolationCode.LAUNCH_TYPE, typePath, "EXTERNAL instances do not run awsvpc tasks; use bridge,"
            + " host or none", ModelPaths.member(ModelPaths.taskDefinition(task.family()), "networkMode"),
            "the network mode is awsvpc here");
      }
    }
    if (type == LaunchType.EXTERNAL && !service.loadBalancers().isEmpty()) {
      findings.add(ViolationCode.LAUNCH_TYPE, ModelPaths.element(path, "loadBalancer", 0), "an EXTERNAL service takes"
          + " no load balancer; remove it or run the service on EC2", typePath, "the launch type is EXTERNAL here");
    }
    if (type == LaunchType.FARGATE) {
      if (service.schedulingStrategy() == SchedulingStrategy.DAEMON) {
        fargate(ModelPaths.member(path, "schedulingStrategy"), "FARGATE runs no DAEMON services; make it a replica"
            + " service or run it on EC2", typePath, findings);
      }
      if (!service.placementStrategy().isEmpty()) {
        fargate(ModelPaths.element(path, "placementStrategy", 0), "FARGATE takes no placement strategy; remove it",
            typePath, findings);
      }
      if (!service.placementConstraints().isEmpty()) {
        fargate(ModelPaths.element(path, "placementConstraint", 0), "FARGATE takes no placement constraints; remove"
            + " them", typePath, findings);
      }
    }
  }

  private static void fargate(String path, String message, String typePath, Findings findings) {
    findings.add(ViolationCode.FARGATE_REQUIREMENTS, path, message, typePath, "the launch type is FARGATE here");
  }
}
