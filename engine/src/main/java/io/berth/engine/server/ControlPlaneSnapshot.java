package io.berth.engine.server;

import io.berth.engine.scheduler.deployment.Deployment;
import io.berth.engine.scheduler.reconcile.ServiceRuntime;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the control plane knows at one moment: instances, tasks, the scheduler core's memory
 * of every service ({@link ServiceRuntime}, keyed {@code cluster/service}: its deployments,
 * failure counts and throttle), the recent events and the auto scaled services' live counts
 * ({@link AutoscaledService}, keyed the same way). Immutable; each tick returns a new snapshot,
 * the shell swaps it in. Maps are sorted by key so that the runtime ref's bytes are deterministic.
 */
public record ControlPlaneSnapshot(
    Map<String, InstanceRecord> instances,
    Map<String, TaskRecord> tasks,
    Map<String, ServiceRuntime> runtimes,
    List<ServiceEventRecord> events,
    long nextEventSeq,
    Map<String, AutoscaledService> autoscaling) {

  /** How many events the snapshot keeps. */
  static final int EVENT_LIMIT = 500;

  /** Copies into sorted, unmodifiable maps. */
  public ControlPlaneSnapshot {
    instances = sorted(instances);
    tasks = sorted(tasks);
    runtimes = sorted(runtimes);
    events = events == null ? List.of() : List.copyOf(events);
    autoscaling = sorted(autoscaling);
  }

  /** Without auto scaled services. */
  public ControlPlaneSnapshot(Map<String, InstanceRecord> instances, Map<String, TaskRecord> tasks,
      Map<String, ServiceRuntime> runtimes, List<ServiceEventRecord> events, long nextEventSeq) {
    this(instances, tasks, runtimes, events, nextEventSeq, Map.of());
  }

  /** A control plane that has seen nothing yet. */
  public static ControlPlaneSnapshot empty() {
    return new ControlPlaneSnapshot(Map.of(), Map.of(), Map.of(), List.of(), 1);
  }

  /** The key of a service's runtime: {@code cluster/service}. */
  public static String serviceKey(String cluster, String serviceName) {
    return cluster + "/" + serviceName;
  }

  /** The deployment that started {@code task} (also a failed one kept for display), if still known. */
  public Optional<Deployment> deploymentOf(TaskRecord task) {
    return deploymentOf(runtimes, task);
  }

  static Optional<Deployment> deploymentOf(Map<String, ServiceRuntime> runtimes, TaskRecord task) {
    ServiceRuntime runtime = runtimes.get(serviceKey(task.cluster(), task.serviceName()));
    if (runtime == null) {
      return Optional.empty();
    }
    return runtime.deployments().stream().filter(d -> d.id().equals(task.deploymentId())).findFirst()
        .or(() -> runtime.lastFailed().filter(d -> d.id().equals(task.deploymentId())))
        .or(() -> runtime.lastCompleted().filter(d -> d.id().equals(task.deploymentId())));
  }

  /**
   * {@code owned} as a snapshot's map without copying it: for a map its caller built for the snapshot
   * and never touches again (a sync's changed tasks), which the constructor would otherwise copy a
   * second time, every task of the cluster, under the control plane's lock.
   */
  static <V> Map<String, V> adopt(TreeMap<String, V> owned) {
    return new Frozen<>(owned);
  }

  private static <V> Map<String, V> sorted(Map<String, V> map) {
    if (map instanceof Frozen<V> frozen) {
      return frozen; // a sorted, unmodifiable copy made for an earlier snapshot: shared, not copied again
    }
    return new Frozen<>(map == null ? new TreeMap<>() : new TreeMap<>(map));
  }

  /**
   * The sorted, unmodifiable copy a snapshot keeps of each map. A snapshot built from another's maps
   * shares the ones that did not change instead of copying them: a sync, which changes one instance,
   * then costs that instance rather than a copy of every task.
   */
  private static final class Frozen<V> extends AbstractMap<String, V> implements SortedMap<String, V> {
    /** Sorted too, so that a copy of it ({@code new TreeMap<>(frozen)}) is built in one linear pass. */
    private final SortedMap<String, V> view;

    Frozen(TreeMap<String, V> tree) {
      this.view = Collections.unmodifiableSortedMap(tree);
    }

    @Override
    public Comparator<? super String> comparator() {
      return view.comparator();
    }

    @Override
    public SortedMap<String, V> subMap(String fromKey, String toKey) {
      return view.subMap(fromKey, toKey);
    }

    @Override
    public SortedMap<String, V> headMap(String toKey) {
      return view.headMap(toKey);
    }

    @Override
    public SortedMap<String, V> tailMap(String fromKey) {
      return view.tailMap(fromKey);
    }

    @Override
    public String firstKey() {
      return view.firstKey();
    }

    @Override
    public String lastKey() {
      return view.lastKey();
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
      return view.entrySet();
    }

    @Override
    public V get(Object key) {
      return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return view.containsKey(key);
    }

    @Override
    public int size() {
      return view.size();
    }

    @Override
    public Set<String> keySet() {
      return view.keySet();
    }

    @Override
    public Collection<V> values() {
      return view.values();
    }
  }

  /** A mutable working copy for one reconcile pass. */
  Builder toBuilder() {
    return new Builder(this);
  }

  /** Working copy used inside the reconciler; never escapes it. */
  static final class Builder {
    final Map<String, InstanceRecord> instances;
    final Map<String, TaskRecord> tasks;
    final Map<String, ServiceRuntime> runtimes;
    final List<ServiceEventRecord> events;
    final Map<String, AutoscaledService> autoscaling;
    long nextEventSeq;

    Builder(ControlPlaneSnapshot from) {
      instances = new TreeMap<>(from.instances);
      tasks = new TreeMap<>(from.tasks);
      runtimes = new TreeMap<>(from.runtimes);
      events = new ArrayList<>(from.events);
      nextEventSeq = from.nextEventSeq;
      autoscaling = new TreeMap<>(from.autoscaling);
    }

    /** Records an event of no service: an instance's, an apply's, the join token's. */
    void event(Instant at, String message) {
      event(at, "", "", message);
    }

    /** Records an event of service {@code service} of {@code cluster}. */
    void event(Instant at, String cluster, String service, String message) {
      events.add(new ServiceEventRecord(nextEventSeq++, at, cluster, service, message));
      if (events.size() > EVENT_LIMIT) {
        events.subList(0, events.size() - EVENT_LIMIT).clear();
      }
    }

    /** Emits {@code message} unless it is already the service's latest event (no repeats each tick). */
    void eventOnce(Instant at, String cluster, String service, String message) {
      for (int i = events.size() - 1; i >= 0; i--) {
        if (events.get(i).serviceName().equals(service) && events.get(i).cluster().equals(cluster)) {
          if (events.get(i).message().equals(message)) {
            return;
          }
          break;
        }
      }
      event(at, cluster, service, message);
    }

    ControlPlaneSnapshot build() {
      return new ControlPlaneSnapshot(instances, tasks, runtimes, events, nextEventSeq, autoscaling);
    }
  }
}
