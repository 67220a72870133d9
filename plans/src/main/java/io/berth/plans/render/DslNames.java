package io.berth.plans.render;

import io.berth.plans.ResourceKind;
import java.util.Map;
import java.util.Optional;

/**
 * The DSL call that sets an attribute, where its name differs from the ECS member the plan shows
 * ({@code environment} is set by {@code env}, {@code minCapacity} by {@code autoScaling(a -> a.min)}),
 * so that a reader of the plan finds the line of the stack to change. Plans show ECS paths, as the
 * JSON and ECS's API name them; this only adds the hint beside them. Nested calls read as the DSL
 * writes them: {@code deployment(d -> d.circuitBreaker)}; alternatives as {@code shell|exec}.
 */
final class DslNames {
  /** Task definition members, and container members under {@code containerDefinitions}. */
  private static final Map<String, String> TASK_DEFINITION = Map.ofEntries(
      Map.entry("taskRoleArn", "taskRole"),
      Map.entry("executionRoleArn", "executionRole"),
      Map.entry("volumes", "volume|bindVolume|efsVolume"),
      Map.entry("placementConstraints", "memberOf"),
      Map.entry("tags", "tag"),
      Map.entry("inferenceAccelerators", "inferenceAccelerator"),
      Map.entry("containerDefinitions.portMappings", "portMapping"),
      Map.entry("containerDefinitions.environment", "env"),
      Map.entry("containerDefinitions.environmentFiles", "environmentFile"),
      Map.entry("containerDefinitions.secrets", "secret"),
      Map.entry("containerDefinitions.mountPoints", "mount"),
      Map.entry("containerDefinitions.links", "link"),
      Map.entry("containerDefinitions.dockerLabels", "dockerLabel"),
      Map.entry("containerDefinitions.ulimits", "ulimit"),
      Map.entry("containerDefinitions.extraHosts", "extraHost"),
      Map.entry("containerDefinitions.dnsServers", "dns"),
      Map.entry("containerDefinitions.dockerSecurityOptions", "dockerSecurityOption"),
      Map.entry("containerDefinitions.systemControls", "systemControl"),
      Map.entry("containerDefinitions.resourceRequirements", "resourceRequirement|gpus"),
      Map.entry("containerDefinitions.credentialSpecs", "credentialSpec"),
      Map.entry("containerDefinitions.healthCheck.command", "healthCheck(h -> h.shell|exec)"),
      Map.entry("containerDefinitions.logConfiguration.logDriver", "logConfiguration(l -> l.driver)"),
      Map.entry("containerDefinitions.logConfiguration.options", "logConfiguration(l -> l.option)"),
      Map.entry("containerDefinitions.logConfiguration.secretOptions", "logConfiguration(l -> l.secretOption)"));

  private static final Map<String, String> SERVICE = Map.ofEntries(
      Map.entry("placementStrategy", "placement"),
      Map.entry("placementConstraints", "constraint"),
      Map.entry("deploymentConfiguration", "deployment"),
      Map.entry("deploymentConfiguration.maximumPercent", "deployment(d -> d.maximumPercent)"),
      Map.entry("deploymentConfiguration.minimumHealthyPercent", "deployment(d -> d.minimumHealthyPercent)"),
      Map.entry("deploymentConfiguration.deploymentCircuitBreaker", "deployment(d -> d.circuitBreaker)"),
      Map.entry("healthCheckGracePeriodSeconds", "healthCheckGracePeriod"),
      Map.entry("loadBalancers", "loadBalancer"),
      Map.entry("loadBalancers.containerName", "loadBalancer(lb -> lb.container)"),
      Map.entry("loadBalancers.containerPort", "loadBalancer(lb -> lb.container)"),
      Map.entry("loadBalancers.listenerPort", "loadBalancer(lb -> lb.listenerPort)"),
      Map.entry("schedulingStrategy", "daemon() for DAEMON"));

  private static final Map<String, String> SCALING = Map.ofEntries(
      Map.entry("minCapacity", "autoScaling(a -> a.min)"),
      Map.entry("maxCapacity", "autoScaling(a -> a.max)"),
      Map.entry("targetTracking", "autoScaling(a -> a.targetCpu|targetMemory|targetRequestsPerTarget|target)"),
      Map.entry("stepScaling", "autoScaling(a -> a.step)"),
      Map.entry("scheduledActions", "autoScaling(a -> a.scheduled)"));

  private static final Map<String, String> ROLE = Map.of("statements", "allow|deny");

  private static final Map<String, String> CLUSTER = Map.of(
      "instanceRoleArn", "instanceRole",
      "capacity.attributes", "capacity(..., g -> g.attribute)");

  private DslNames() {}

  /** Every table, for the test that holds each name to a method of the DSL. */
  static Map<ResourceKind, Map<String, String>> tables() {
    return Map.of(ResourceKind.TASK_DEFINITION, TASK_DEFINITION, ResourceKind.SERVICE, SERVICE,
        ResourceKind.SCALING, SCALING, ResourceKind.ROLE, ROLE, ResourceKind.CLUSTER, CLUSTER);
  }

  /**
   * The DSL call for the attribute at {@code path} of a resource of {@code kind}
   * ({@code containerDefinitions[web].environment[PORT].value} gives {@code env}), when the DSL names
   * it otherwise than ECS; empty when the names agree.
   */
  static Optional<String> of(ResourceKind kind, String path) {
    Map<String, String> table = tables().get(kind);
    if (table == null) {
      return Optional.empty();
    }
    // the longest member path the table knows, indexes ([web], [0]) left out
    String members = path.replaceAll("\\[[^\\]]*\\]", "");
    for (String prefix = members; !prefix.isEmpty(); prefix = parent(prefix)) {
      String call = table.get(prefix);
      if (call != null) {
        return Optional.of(call);
      }
    }
    return Optional.empty();
  }

  private static String parent(String members) {
    int dot = members.lastIndexOf('.');
    return dot < 0 ? "" : members.substring(0, dot);
  }
}
