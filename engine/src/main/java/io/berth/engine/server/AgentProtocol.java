package io.berth.engine.server;

import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.DesiredStatus;
import io.berth.engine.api.ObservedContainer;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.api.SyncResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent side of the API as pure functions over a snapshot: registration and sync. Sync is
 * level-triggered: the answer is every task the control plane wants on that instance, including
 * the ones it wants STOPPED that the agent still reports alive.
 */
final class AgentProtocol {
  private AgentProtocol() {}

  /** A snapshot and the answer to give. */
  record Result<T>(ControlPlaneSnapshot snapshot, T answer) {}

  static Result<String> register(ControlPlaneSnapshot snapshot, RegisterInstanceRequest request, String newId, Instant now) {
    return register(snapshot, request, newId, "", now);
  }

  /**
   * Records the instance; its address is the one the agent advertises, else {@code connectionAddress}
   * (where its registration came from).
   */
  static Result<String> register(ControlPlaneSnapshot snapshot, RegisterInstanceRequest request, String newId,
      String connectionAddress, Instant now) {
    ControlPlaneSnapshot.Builder next = snapshot.toBuilder();
    String id = request.instanceId().filter(s -> !s.isBlank()).orElse(newId);
    InstanceRecord known = next.instances.get(id);
    Instant registeredAt = known == null ? now : known.registeredAt();
    String address = request.address().isBlank() ? connectionAddress : request.address();
    next.instances.put(id, new InstanceRecord(id, request.cluster(), request.hostname(), request.cpu(),
        request.memory(), request.attributes(), request.agentVersion(), registeredAt, now,
        InstanceRecord.InstanceStatus.ACTIVE, address));
    next.event(now, "", "(instance " + id + ") " + (known == null ? "registered" : "registered again")
        + " in cluster " + request.cluster() + " with " + request.cpu() + " cpu units and " + request.memory() + " MiB"
        + (address.isEmpty() ? "" : " at " + address) + ".");
    return new Result<>(next.build(), id);
  }

  /**
   * Folds the agent's report in and answers with the desired tasks ({@code declared} says which to
   * sample); unknown instance: null snapshot.
   */
  static Result<SyncResponse> sync(ControlPlaneSnapshot snapshot, String instanceId, SyncRequest request,
      DeclaredSnapshot declared, Instant now) {
    InstanceRecord instance = snapshot.instances().get(instanceId);
    if (instance == null) {
      return new Result<>(null, null);
    }
    ControlPlaneSnapshot.Builder next = snapshot.toBuilder();
    next.instances.put(instanceId, instance.synced(now));
    if (instance.status() == InstanceRecord.InstanceStatus.LOST) {
      next.event(now, "", "(instance " + instanceId + ") is syncing again and is ACTIVE.");
    }
    for (ObservedTask observed : request.tasks()) {
      TaskRecord task = next.tasks.get(observed.taskId());
      if (task != null && task.instanceId().equals(instanceId) && task.alive()) {
        next.tasks.put(task.taskId(), task.observe(observed, now));
        restarted(task, observed).forEach(event -> next.event(now, task.serviceName(), event));
      }
    }
    ControlPlaneSnapshot updated = next.build();
    return new Result<>(updated, new SyncResponse(assigned(updated, instanceId, declared)));
  }

  /** An event per container of {@code task} its restart policy restarted since the last report. */
  static List<String> restarted(TaskRecord task, ObservedTask observed) {
    List<String> events = new ArrayList<>();
    for (ObservedContainer now : observed.containers()) {
      int before = task.containers().stream().filter(c -> c.name().equals(now.name())).findFirst()
          .flatMap(ObservedContainer::restartCount).orElse(0);
      int count = now.restartCount().orElse(0);
      if (count > before) {
        events.add("(service " + task.serviceName() + ") (task " + task.taskId() + ") container " + now.name()
            + " exited and its restart policy restarted it in place (" + count + (count == 1 ? " restart" : " restarts")
            + " so far).");
      }
    }
    return events;
  }

  static List<AssignedTask> assigned(ControlPlaneSnapshot snapshot, String instanceId, DeclaredSnapshot declared) {
    return assignedTo(snapshot, Set.of(instanceId), declared).getOrDefault(instanceId, List.of());
  }

  /**
   * The assignments of {@code instanceIds} (absent: no task), in one pass over the tasks: a tick
   * gives every waiting sync its assignment at the cost of one instance's.
   */
  static Map<String, List<AssignedTask>> assignedTo(ControlPlaneSnapshot snapshot, Set<String> instanceIds,
      DeclaredSnapshot declared) {
    Map<String, List<AssignedTask>> assignments = new HashMap<>();
    for (TaskRecord task : snapshot.tasks().values()) {
      if (!instanceIds.contains(task.instanceId()) || !task.alive()) {
        continue;
      }
      var deployment = snapshot.deploymentOf(task);
      if (deployment.isEmpty()) {
        continue;
      }
      assignments.computeIfAbsent(task.instanceId(), id -> new ArrayList<>()).add(new AssignedTask(task.taskId(),
          task.cluster(), task.group(), task.family(), task.revision(),
          // A task held for draining keeps running until its load balancer targets are drained.
          deployment.get().taskDefinition(), task.runsForAgent() ? DesiredStatus.RUNNING
          : DesiredStatus.STOPPED, task.deploymentId(), declared.scalesOnUtilization(task.cluster(), task.serviceName())));
    }
    return assignments;
  }
}
