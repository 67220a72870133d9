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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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
    next.event(now, "(instance " + id + ") " + (known == null ? "registered" : "registered again")
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
    return sync(snapshot, instanceId, request, declared, now, tasksByInstance(snapshot).getOrDefault(instanceId, List.of()));
  }

  /**
   * As {@link #sync(ControlPlaneSnapshot, String, SyncRequest, DeclaredSnapshot, Instant)}, given the
   * ids of the tasks the snapshot has on the instance, sorted ({@link #tasksByInstance}: a sync never
   * adds, removes or moves a task, so the control plane computes them once per tick). A sync that
   * adds no event shares the snapshot's unchanged maps, so it costs the instance's tasks, not a copy
   * of every task in the cluster.
   */
  static Result<SyncResponse> sync(ControlPlaneSnapshot snapshot, String instanceId, SyncRequest request,
      DeclaredSnapshot declared, Instant now, List<String> onInstance) {
    InstanceRecord instance = snapshot.instances().get(instanceId);
    if (instance == null) {
      return new Result<>(null, null);
    }
    Map<String, TaskRecord> tasks = snapshot.tasks();
    TreeMap<String, TaskRecord> changed = null;
    boolean events = instance.status() == InstanceRecord.InstanceStatus.LOST;
    for (ObservedTask observed : request.tasks()) {
      TaskRecord task = tasks.get(observed.taskId());
      if (task != null && task.instanceId().equals(instanceId) && task.alive()) {
        TaskRecord next = task.observe(observed, now);
        events |= !restarted(task, observed).isEmpty();
        if (!next.equals(task)) {
          changed = changed == null ? new TreeMap<>(tasks) : changed;
          changed.put(task.taskId(), next);
        }
      }
    }
    ControlPlaneSnapshot updated;
    if (events) {
      updated = withEvents(snapshot, instance, request, now);
    } else {
      TreeMap<String, InstanceRecord> instances = new TreeMap<>(snapshot.instances());
      instances.put(instanceId, instance.synced(now));
      updated = new ControlPlaneSnapshot(ControlPlaneSnapshot.adopt(instances),
          changed == null ? tasks : ControlPlaneSnapshot.adopt(changed), snapshot.runtimes(), snapshot.events(),
          snapshot.nextEventSeq(), snapshot.autoscaling());
    }
    return new Result<>(updated, new SyncResponse(assigned(updated, onInstance, declared)));
  }

  /** The fold of a sync that adds events (an instance back from LOST, containers restarted in place). */
  private static ControlPlaneSnapshot withEvents(ControlPlaneSnapshot snapshot, InstanceRecord instance,
      SyncRequest request, Instant now) {
    String instanceId = instance.instanceId();
    ControlPlaneSnapshot.Builder next = snapshot.toBuilder();
    next.instances.put(instanceId, instance.synced(now));
    if (instance.status() == InstanceRecord.InstanceStatus.LOST) {
      next.event(now, "(instance " + instanceId + ") is syncing again and is ACTIVE.");
    }
    for (ObservedTask observed : request.tasks()) {
      TaskRecord task = next.tasks.get(observed.taskId());
      if (task != null && task.instanceId().equals(instanceId) && task.alive()) {
        next.tasks.put(task.taskId(), task.observe(observed, now));
        restarted(task, observed).forEach(event -> next.event(now, task.cluster(), task.serviceName(), event));
      }
    }
    return next.build();
  }

  /** Per instance, the ids of its tasks (alive or not), sorted: one pass over the snapshot's tasks. */
  static Map<String, List<String>> tasksByInstance(ControlPlaneSnapshot snapshot) {
    Map<String, List<String>> byInstance = new HashMap<>();
    snapshot.tasks().values().forEach(task ->
        byInstance.computeIfAbsent(task.instanceId(), id -> new ArrayList<>()).add(task.taskId()));
    return byInstance;
  }

  /**
   * A task {@code request} reports that the control plane has, alive, on another instance than
   * {@code instanceId}: an agent reports only the tasks assigned to it. Tasks the control plane does
   * not know (forgotten, or never its) are not refused: the answer leaves them out and the agent stops them.
   */
  static java.util.Optional<String> foreignTask(ControlPlaneSnapshot snapshot, String instanceId, SyncRequest request) {
    return request.tasks().stream().map(ObservedTask::taskId).filter(id -> {
      TaskRecord task = snapshot.tasks().get(id);
      return task != null && task.alive() && !task.instanceId().equals(instanceId);
    }).findFirst();
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

  /** The assignment made of the tasks {@code taskIds} (one instance's, sorted). */
  private static List<AssignedTask> assigned(ControlPlaneSnapshot snapshot, List<String> taskIds,
      DeclaredSnapshot declared) {
    List<AssignedTask> tasks = new ArrayList<>();
    for (String id : taskIds) {
      TaskRecord task = snapshot.tasks().get(id);
      if (task != null && task.alive()) {
        assignedTask(snapshot, task, declared).ifPresent(tasks::add);
      }
    }
    return tasks;
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
      assignedTask(snapshot, task, declared).ifPresent(assigned ->
          assignments.computeIfAbsent(task.instanceId(), id -> new ArrayList<>()).add(assigned));
    }
    return assignments;
  }

  /** {@code task} as its agent is told of it; empty when its deployment is no longer known. */
  private static Optional<AssignedTask> assignedTask(ControlPlaneSnapshot snapshot, TaskRecord task,
      DeclaredSnapshot declared) {
    return snapshot.deploymentOf(task).map(deployment -> new AssignedTask(task.taskId(), task.cluster(), task.group(),
        task.family(), task.revision(),
        // A task held for draining keeps running until its load balancer targets are drained.
        deployment.taskDefinition(), task.runsForAgent() ? DesiredStatus.RUNNING : DesiredStatus.STOPPED,
        task.deploymentId(), declared.scalesOnUtilization(task.cluster(), task.serviceName())));
  }
}
