package io.berth.engine.server;

import io.berth.engine.api.DesiredStatus;
import io.berth.engine.api.DiscoveryEntry;
import io.berth.engine.api.ObservedContainer;
import io.berth.engine.scheduler.deployment.Deployment;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import io.berth.model.ContainerDefinition;
import io.berth.model.PortMapping;
import io.berth.model.Service;
import io.berth.model.ServiceRegistry;
import io.berth.model.TaskDefinition;
import io.berth.model.TransportProtocol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery names of the declared services and their healthy tasks, from one snapshot: what the
 * agents' DNS answers. A task is an endpoint while it is wanted RUNNING (not stopping, not held for
 * draining), reported RUNNING and counted healthy by the scheduler's rule, on an instance that is not
 * LOST; it leaves at the tick or sync that changes any of these.
 */
final class DiscoveryTable {
  /** Seconds a resolver may keep an answer: short, so a task that leaves is gone from caches soon. */
  static final int TTL_SECONDS = 1;

  private DiscoveryTable() {}

  static List<DiscoveryEntry> entries(ControlPlaneSnapshot snapshot, DeclaredSnapshot declared, Instant now,
      Duration healthyAfter) {
    // one pass over the tasks: a service's answer costs its own tasks, not the cluster's
    Map<String, List<TaskRecord>> byService = new HashMap<>();
    for (TaskRecord task : snapshot.tasks().values()) {
      if (task.desiredStatus() == DesiredStatus.RUNNING && !task.drainHold() && task.lastStatus() == TaskStatus.RUNNING) {
        byService.computeIfAbsent(ControlPlaneSnapshot.serviceKey(task.cluster(), task.serviceName()),
            k -> new ArrayList<>()).add(task);
      }
    }
    List<DiscoveryEntry> entries = new ArrayList<>();
    for (Service service : declared.services()) {
      if (service.serviceRegistries().isEmpty()) {
        continue;
      }
      List<TaskRecord> tasks = byService.getOrDefault(
          ControlPlaneSnapshot.serviceKey(service.cluster(), service.serviceName()), List.of());
      for (ServiceRegistry registry : service.serviceRegistries()) {
        List<DiscoveryEntry.Endpoint> endpoints = new ArrayList<>();
        for (TaskRecord task : tasks) {
          InstanceRecord instance = snapshot.instances().get(task.instanceId());
          if (instance == null || instance.status() == InstanceRecord.InstanceStatus.LOST
              || instance.address().isEmpty()) {
            continue;
          }
          Optional<TaskDefinition> definition = snapshot.deploymentOf(task).map(Deployment::taskDefinition);
          if (!SchedulerRun.healthy(task, service, definition, now, healthyAfter)) {
            continue;
          }
          endpoints.add(new DiscoveryEntry.Endpoint(task.taskId(), instance.address(),
              definition.flatMap(d -> hostPort(task, registry, d))));
        }
        endpoints.sort(Comparator.comparing(DiscoveryEntry.Endpoint::taskId));
        entries.add(new DiscoveryEntry(service.cluster(), service.serviceName(), registry.namespace(), registry.name(),
            TTL_SECONDS, endpoints));
      }
    }
    return entries;
  }

  /** The host port {@code task} publishes the registry's container port on: the SRV port. */
  static Optional<Integer> hostPort(TaskRecord task, ServiceRegistry registry, TaskDefinition definition) {
    Optional<String> container = registry.containerName();
    Optional<Integer> port = registry.containerPort();
    if (container.isEmpty()) {
      // the first TCP port mapping of the definition, in container order
      for (ContainerDefinition c : definition.containerDefinitions()) {
        for (PortMapping mapping : c.portMappings()) {
          if (mapping.containerPort().isPresent()
              && mapping.protocol().orElse(TransportProtocol.TCP) == TransportProtocol.TCP && container.isEmpty()) {
            container = Optional.of(c.name());
            port = mapping.containerPort();
          }
        }
      }
    }
    if (container.isEmpty() || port.isEmpty()) {
      return Optional.empty();
    }
    for (ObservedContainer observed : task.containers()) {
      if (observed.name().equals(container.get())) {
        for (NetworkBinding binding : observed.networkBindings()) {
          if (binding.containerPort() == port.get() && binding.protocol().equals("tcp")) {
            return Optional.of(binding.hostPort());
          }
        }
      }
    }
    return Optional.empty();
  }
}
