package io.berth.engine.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the control plane knows at one moment: instances, tasks, deployments and the recent
 * events. Immutable; the reconciler returns a new snapshot, the shell swaps it in. Maps are sorted
 * by id so that the runtime ref's bytes are deterministic.
 */
public record ClusterSnapshot(
    Map<String, InstanceRecord> instances,
    Map<String, TaskRecord> tasks,
    Map<String, Deployment> deployments,
    List<ServiceEvent> events,
    long nextEventSeq) {

  /** How many events the snapshot keeps. */
  static final int EVENT_LIMIT = 500;

  /** Copies into sorted, unmodifiable maps. */
  public ClusterSnapshot {
    instances = sorted(instances);
    tasks = sorted(tasks);
    deployments = sorted(deployments);
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** A control plane that has seen nothing yet. */
  public static ClusterSnapshot empty() {
    return new ClusterSnapshot(Map.of(), Map.of(), Map.of(), List.of(), 1);
  }

  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
  }

  /** A mutable working copy for one reconcile pass. */
  Builder toBuilder() {
    return new Builder(this);
  }

  /** Working copy used inside the reconciler; never escapes it. */
  static final class Builder {
    final Map<String, InstanceRecord> instances;
    final Map<String, TaskRecord> tasks;
    final Map<String, Deployment> deployments;
    final List<ServiceEvent> events;
    long nextEventSeq;

    Builder(ClusterSnapshot from) {
      instances = new TreeMap<>(from.instances);
      tasks = new TreeMap<>(from.tasks);
      deployments = new TreeMap<>(from.deployments);
      events = new ArrayList<>(from.events);
      nextEventSeq = from.nextEventSeq;
    }

    void event(java.time.Instant at, String service, String message) {
      events.add(new ServiceEvent(nextEventSeq++, at, service, message));
      if (events.size() > EVENT_LIMIT) {
        events.subList(0, events.size() - EVENT_LIMIT).clear();
      }
    }

    /** Emits {@code message} unless it is already the service's latest event (no repeats each tick). */
    void eventOnce(java.time.Instant at, String service, String message) {
      for (int i = events.size() - 1; i >= 0; i--) {
        if (events.get(i).serviceName().equals(service)) {
          if (events.get(i).message().equals(message)) {
            return;
          }
          break;
        }
      }
      event(at, service, message);
    }

    ClusterSnapshot build() {
      return new ClusterSnapshot(instances, tasks, deployments, events, nextEventSeq);
    }
  }
}
