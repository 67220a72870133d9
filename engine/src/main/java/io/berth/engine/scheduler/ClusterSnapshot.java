package io.berth.engine.scheduler;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the control plane knows about one cluster at the start of a tick: its container instances
 * and its tasks (live ones, plus recently STOPPED ones so the scheduler can count failures; a
 * STOPPED task may be dropped once it has been seen by one reconcile). Instances are kept sorted by
 * id so placement ties break the same way every time.
 */
public record ClusterSnapshot(String cluster, List<ContainerInstance> instances, List<Task> tasks) {

  /** Sorts instances by id and checks ids are unique. */
  public ClusterSnapshot {
    Objects.requireNonNull(cluster, "cluster == null");
    instances = instances.stream().sorted(Comparator.comparing(ContainerInstance::instanceId)).collect(Collectors.toUnmodifiableList());
    tasks = List.copyOf(tasks);
    for (int i = 1; i < instances.size(); i++) {
      if (instances.get(i).instanceId().equals(instances.get(i - 1).instanceId())) {
        throw new IllegalArgumentException("cluster " + cluster + ": instance " + instances.get(i).instanceId() + " appears twice");
      }
    }
  }

  /** The instance with this id, if registered. */
  public Optional<ContainerInstance> instance(String instanceId) {
    return instances.stream().filter(i -> i.instanceId().equals(instanceId)).findFirst();
  }

  /** The tasks of group {@code service:<serviceName>}. */
  public List<Task> serviceTasks(String serviceName) {
    String group = "service:" + serviceName;
    return tasks.stream().filter(t -> t.group().equals(group)).collect(Collectors.toUnmodifiableList());
  }

  /** Instances by id, in id order. */
  public Map<String, ContainerInstance> instancesById() {
    Map<String, ContainerInstance> byId = new LinkedHashMap<>();
    instances.forEach(i -> byId.put(i.instanceId(), i));
    return byId;
  }

  /** This snapshot with other tasks (the simulator uses it to advance the world). */
  public ClusterSnapshot withTasks(List<Task> newTasks) {
    return new ClusterSnapshot(cluster, instances, newTasks);
  }

  /** This snapshot with other instances. */
  public ClusterSnapshot withInstances(List<ContainerInstance> newInstances) {
    return new ClusterSnapshot(cluster, newInstances, tasks);
  }
}
