package io.berth.engine.planner;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.state.RuntimeSnapshot;
import io.berth.engine.state.RuntimeStore;
import io.berth.engine.state.StateRepository;
import io.berth.model.DesiredState;
import io.berth.model.ModelPaths;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import io.berth.validation.UnsupportedSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Can Berth's runtime carry out a desired state? Asked when a plan is made, so that the same stack
 * still synthesizes JSON for ECS: every setting of {@link UnsupportedSetting} is refused (the compiler
 * warned on its line), and task-level cpu and memory are refused for a cluster whose registered
 * container instances all report that they cannot enforce them (a cluster without registered
 * instances is not judged: its tasks only go where the limits hold). The rules are pure ({@link
 * #problems}); {@link #check} reads the instances from the state's runtime ref.
 */
final class RuntimeSupport {
  /** The planner's id for task-level cpu and memory no instance of the cluster can enforce. */
  static final String TASK_SIZE = "BerthUnsupportedTaskSize";

  /**
   * What a registered container instance says about task limits.
   *
   * @param instanceId the instance
   * @param unsupported why it cannot enforce task-level cpu and memory, empty when it can (or does not say)
   */
  record Instance(String instanceId, Optional<String> unsupported) {}

  private RuntimeSupport() {}

  /**
   * Refuses {@code desired} when Berth's runtime cannot carry it out, listing every problem.
   *
   * @throws UnsupportedOnBerthException naming each setting, its model path and the alternative
   */
  static void check(DesiredState desired, StateRepository state) {
    Map<String, List<Instance>> instances = needsTaskLimits(desired).isEmpty() ? Map.of() : instances(state);
    List<String> problems = problems(desired, instances);
    if (!problems.isEmpty()) {
      throw new UnsupportedOnBerthException("stack " + desired.stack() + " cannot run on Berth's runtime: "
          + problems.size() + (problems.size() == 1 ? " setting" : " settings") + " Berth does not carry out"
          + " (change them for a stack Berth deploys; the synthesized JSON still works on ECS):\n  "
          + String.join("\n  ", problems));
    }
  }

  /**
   * The problems of {@code desired}, one line each ({@code [id] path: sentence}), given the
   * registered instances of each cluster.
   */
  static List<String> problems(DesiredState desired, Map<String, List<Instance>> instancesByCluster) {
    List<String> problems = new ArrayList<>();
    for (UnsupportedSetting.Occurrence o : UnsupportedSetting.find(desired)) {
      problems.add("[" + o.setting().code() + "] " + o.path() + ": " + o.setting().refusal());
    }
    Map<String, TaskDefinition> sized = needsTaskLimits(desired);
    for (Service service : desired.services()) {
      TaskDefinition definition = sized.get(family(service.taskDefinition()));
      List<Instance> instances = instancesByCluster.getOrDefault(service.cluster(), List.of());
      if (definition == null || instances.isEmpty() || instances.stream().anyMatch(i -> i.unsupported().isEmpty())) {
        continue;
      }
      Instance first = instances.get(0);
      String why = "none of the " + instances.size() + " registered container instances of cluster "
          + service.cluster() + " can enforce task-level cpu and memory (" + first.instanceId() + ": "
          + first.unsupported().orElseThrow() + "), so the tasks of service " + service.serviceName()
          + " would never be placed; run agents whose Docker uses the cgroupfs cgroup driver, or set cpu and"
          + " memory on the containers instead of the task";
      String path = ModelPaths.taskDefinition(definition.family());
      String member = definition.cpu().isPresent() ? "cpu" : "memory";
      String line = "[" + TASK_SIZE + "] " + ModelPaths.member(path, member) + ": " + why;
      if (!problems.contains(line)) {
        problems.add(line);
      }
    }
    return problems;
  }

  /** Task definitions with a task-level cpu or memory, by family. */
  private static Map<String, TaskDefinition> needsTaskLimits(DesiredState desired) {
    Map<String, TaskDefinition> sized = new TreeMap<>();
    for (TaskDefinition definition : desired.taskDefinitions()) {
      if (definition.cpu().isPresent() || definition.memory().isPresent()) {
        sized.put(definition.family(), definition);
      }
    }
    return sized;
  }

  private static String family(String taskDefinition) {
    int colon = taskDefinition.indexOf(':');
    return colon < 0 ? taskDefinition : taskDefinition.substring(0, colon);
  }

  /**
   * The clusters of the services {@code plan} creates or changes that have no registered container
   * instance, when the control plane registered some (a state no control plane ran on says nothing).
   * An agent of cluster {@code *} joins every cluster.
   */
  static List<String> clustersWithoutInstances(io.berth.plans.Plan plan, StateRepository state) {
    List<String> clusters = plan.changes().stream()
        .filter(c -> c.address().type() == io.berth.plans.ResourceKind.SERVICE
            && c.action() != io.berth.plans.Action.DELETE && c.action() != io.berth.plans.Action.NO_OP)
        .map(c -> c.address().id().substring(0, Math.max(0, c.address().id().indexOf('/'))))
        .distinct().sorted().toList();
    if (clusters.isEmpty() || state.isRemote()) {
      return List.of();
    }
    Map<String, List<Instance>> instances = instances(state);
    if (instances.isEmpty() || instances.containsKey("*")) {
      return List.of();
    }
    return clusters.stream().filter(c -> !instances.containsKey(c)).toList();
  }

  /**
   * The container instances the control plane registered, by cluster: ACTIVE and DRAINING ones (a
   * LOST instance says nothing about the hosts that run tasks now). Read from the documents'
   * {@code cluster}, {@code status} and {@code attributes} members only.
   */
  private static Map<String, List<Instance>> instances(StateRepository state) {
    RuntimeSnapshot runtime = state.runtime().read(RuntimeStore.CONTAINER_INSTANCES);
    Map<String, List<Instance>> byCluster = new TreeMap<>();
    for (String id : runtime.ids(RuntimeStore.CONTAINER_INSTANCES)) {
      JsonNode instance = runtime.get(RuntimeStore.CONTAINER_INSTANCES, id, JsonNode.class).orElseThrow();
      if (instance.path("status").asText("").equals("LOST")) {
        continue;
      }
      JsonNode unsupported = instance.path("attributes").path(ContainerInstance.TASK_LIMITS_UNSUPPORTED);
      byCluster.computeIfAbsent(instance.path("cluster").asText(""), c -> new ArrayList<>()).add(new Instance(id,
          unsupported.isTextual() ? Optional.of(unsupported.asText()) : Optional.empty()));
    }
    return byCluster;
  }
}
