package io.berth.validation;

import io.berth.model.Cluster;
import io.berth.model.DesiredState;
import io.berth.model.ExternalReference;
import io.berth.model.ModelPaths;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.model.SourceMap;
import io.berth.model.TaskDefinition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a model against every rule of Berth's ECS semantics ({@link ViolationCode} lists them)
 * and returns all violations at once: errors and warnings, each with its code, model path, a
 * message that says how to fix it, and the DSL call site when the source map knows it. Pure: the
 * same model always gives the same list, in the order of the (sorted) model.
 */
public final class Validator {
  private Validator() {}

  /** Every violation of {@code state}, located with {@code sources}, in a stable order. */
  public static List<Violation> validate(DesiredState state, SourceMap sources) {
    Findings findings = new Findings(sources);
    NameRules.checkName("stack", state.stack(), "stack", findings);
    Set<String> declaredRoles = state.roles().stream().map(Role::name).collect(Collectors.toSet());
    Set<String> declaredClusters = state.clusters().stream().map(Cluster::name).collect(Collectors.toSet());
    // Berth role names a role ARN may use: declared here, or referred to as existing (by name or Berth ARN)
    Set<String> roleNames = new HashSet<>(declaredRoles);
    Set<String> clusterNames = new HashSet<>(declaredClusters);
    for (ExternalReference reference : state.references()) {
      if (reference.kind() == ExternalReference.Kind.CLUSTER) {
        clusterNames.add(reference.name());
      } else if (reference.arn().map(arn -> arn.startsWith(Role.ARN_PREFIX)).orElse(true)) {
        roleNames.add(reference.name());
      }
      RoleRules.checkReference(reference, declaredRoles, declaredClusters, findings);
    }
    Map<String, TaskDefinition> tasks = new HashMap<>();
    state.taskDefinitions().forEach(t -> tasks.putIfAbsent(t.family(), t));
    Map<String, Service> services = new HashMap<>();
    state.services().forEach(s -> services.putIfAbsent(s.serviceName(), s));
    Map<String, Cluster> clusters = new HashMap<>();
    state.clusters().forEach(c -> clusters.putIfAbsent(c.name(), c));
    Set<String> scaled = state.scaling().stream().map(ServiceScaling::service).collect(Collectors.toSet());

    NameRules.checkUnique("cluster", state.clusters(), Cluster::name, c -> ModelPaths.cluster(c.name()), findings);
    NameRules.checkUnique("role", state.roles(), Role::name, r -> ModelPaths.role(r.name()), findings);
    NameRules.checkUnique("task definition family", state.taskDefinitions(), TaskDefinition::family,
        t -> ModelPaths.taskDefinition(t.family()), findings);
    NameRules.checkUnique("service", state.services(), Service::serviceName,
        s -> ModelPaths.service(s.serviceName()), findings);
    NameRules.checkUnique("scaling target", state.scaling(), ServiceScaling::service,
        s -> ModelPaths.scaling(s.service()), findings);

    for (Cluster cluster : state.clusters()) {
      CapacityRules.checkCluster(cluster, findings);
      RoleRules.checkClusterRole(cluster, roleNames, findings);
    }
    state.roles().forEach(role -> RoleRules.check(role, findings));
    for (TaskDefinition task : state.taskDefinitions()) {
      TaskDefinitionRules.check(task, findings);
      RoleRules.checkTaskRoles(task, roleNames, findings);
      AdvisoryRules.checkTask(task, findings);
    }
    for (Service service : state.services()) {
      ServiceRules.check(service, clusterNames, tasks, scaled.contains(service.serviceName()), findings);
      CapacityRules.checkFits(service, clusters.get(service.cluster()), tasks.get(service.taskDefinition()), findings);
      AdvisoryRules.checkService(service, tasks, findings);
      LoadBalancerRules.check(service, tasks.get(service.taskDefinition()), findings);
      DiscoveryRules.check(service, tasks.get(service.taskDefinition()), findings);
    }
    LoadBalancerRules.checkListeners(state.services(), findings);
    DiscoveryRules.checkUnique(state.services(), findings);
    state.scaling().forEach(scaling -> ScalingRules.check(scaling, services, findings));
    UnsupportedSetting.warn(state, findings);
    return findings.list();
  }

  /**
   * Every violation of one task definition on its own, for imported JSON: the task rules and
   * warnings, without the stack-level ones (role references, services).
   */
  public static List<Violation> validate(TaskDefinition taskDefinition) {
    Findings findings = new Findings(SourceMap.EMPTY);
    TaskDefinitionRules.check(taskDefinition, findings);
    AdvisoryRules.checkTask(taskDefinition, findings);
    return findings.list();
  }

  /** Only the violations of severity {@link Severity#ERROR}. */
  public static List<Violation> errors(List<Violation> violations) {
    return violations.stream().filter(v -> v.severity() == Severity.ERROR).toList();
  }
}
