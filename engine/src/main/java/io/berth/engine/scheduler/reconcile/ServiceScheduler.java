package io.berth.engine.scheduler.reconcile;

import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskStop;
import io.berth.engine.scheduler.placement.WorkingCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The service scheduler: compares what each service should be with what the cluster runs, and
 * says what to start and stop. Pure: no clock, no I/O, no threads; the same inputs give the same
 * result. The control plane calls it every tick and carries out the result.
 *
 * <p>Each call, per service: tasks on lost instances are stopped and replaced; tasks that stopped
 * before RUNNING are counted as start failures (circuit breaker, throttle with growing delay capped
 * at 15 min); tasks that ran but stopped before they ever counted healthy are failures for the
 * circuit breaker too; UNHEALTHY tasks (past {@code healthCheckGracePeriodSeconds}) are stopped and
 * replaced; a task counts healthy only by {@link io.berth.engine.scheduler.TaskHealth}'s rule (health
 * check passed, or running long enough without one, and reached by its load balancer's probe when the
 * service has one); a new PRIMARY deployment starts when the service names another task definition revision; REPLICA services
 * keep {@code desiredCount} tasks within the rolling-update bounds, DAEMON services one per
 * eligible instance; tasks move off DRAINING instances; events are emitted in ECS's words. A
 * service no longer declared goes through {@link #retire} instead: its tasks are stopped.
 *
 * <p>Typical control-plane loop:
 * <pre>{@code
 * ClusterSnapshot snapshot = new ClusterSnapshot("default", instances, tasks);
 * Map<String, ReconcileResult> results =
 *     ServiceScheduler.reconcileAll(specs, snapshot, runtimes, clock.instant(), SchedulerSettings.defaults());
 * results.forEach((service, r) -> {
 *   r.tasksToStart().forEach(launch -> { store.put(Task.pending(launch, now)); agents.start(launch); });
 *   r.tasksToStop().forEach(stop -> agents.stop(stop.taskId(), stop.reason()));
 *   runtimes.put(service, r.runtime());   // persist: it is the scheduler's memory
 *   events.addAll(r.events());
 * });
 * }</pre>
 * Report task progress back through the next snapshot: {@code lastStatus} (PENDING, RUNNING,
 * STOPPED), {@code startedAt} when it first ran, {@code health} from its health checks, and keep a
 * STOPPED task in at least one snapshot so failures are counted.
 */
public final class ServiceScheduler {
  private ServiceScheduler() {}

  /** Reconciles one service against the snapshot. */
  public static ReconcileResult reconcile(ServiceSpec spec, ClusterSnapshot snapshot, ServiceRuntime runtime,
      Instant now, SchedulerSettings settings) {
    return reconcile(spec, snapshot, new SnapshotIndex(snapshot), new WorkingCluster(snapshot), runtime, now, settings);
  }

  /**
   * Reconciles every service of one cluster in one pass, so that tasks placed for one service are
   * seen (resources, ports) when placing the next. DAEMON services go first (ECS starts them
   * first), then by name. Services without a runtime in {@code runtimes} start from {@link
   * ServiceRuntime#initial}. Returns results by service name, in processing order.
   */
  public static Map<String, ReconcileResult> reconcileAll(List<ServiceSpec> specs, ClusterSnapshot snapshot,
      Map<String, ServiceRuntime> runtimes, Instant now, SchedulerSettings settings) {
    WorkingCluster cluster = new WorkingCluster(snapshot);
    SnapshotIndex index = new SnapshotIndex(snapshot);
    List<ServiceSpec> ordered = new ArrayList<>(specs);
    ordered.sort(Comparator.comparing((ServiceSpec s) -> !s.isDaemon()).thenComparing(ServiceSpec::name));
    Map<String, ReconcileResult> results = new LinkedHashMap<>();
    for (ServiceSpec spec : ordered) {
      ServiceRuntime runtime = runtimes.getOrDefault(spec.name(), ServiceRuntime.initial(spec.name()));
      results.put(spec.name(), reconcile(spec, snapshot, index, cluster, runtime, now, settings));
    }
    return results;
  }

  /**
   * A service that is no longer declared: stops its live tasks (each once, reason "Service X was
   * deleted") and keeps its runtime otherwise, so a service declared again under the same name
   * goes on numbering its tasks and deployments where it left off.
   */
  public static ReconcileResult retire(String serviceName, ClusterSnapshot snapshot, ServiceRuntime runtime, Instant now) {
    if (!runtime.serviceName().equals(serviceName)) {
      throw new IllegalArgumentException("runtime of service " + runtime.serviceName() + " passed for service " + serviceName);
    }
    List<TaskStop> stops = new ArrayList<>();
    Set<String> requested = new TreeSet<>(runtime.requestedStops());
    Set<String> known = new TreeSet<>();
    for (Task task : snapshot.serviceTasks(serviceName)) {
      known.add(task.taskId());
      if (task.isWanted() && requested.add(task.taskId())) {
        boolean lost = snapshot.instance(task.instanceId()).map(i -> i.status() == InstanceStatus.INACTIVE).orElse(true);
        stops.add(new TaskStop(task.taskId(), task.instanceId(), "Service " + serviceName + " was deleted", lost));
      }
    }
    requested.retainAll(known);
    List<ServiceEvent> events = stops.isEmpty() ? List.of()
        : List.of(new ServiceEvent(now, "(service " + serviceName + ") was deleted; stopping " + stops.size() + " tasks."));
    ServiceRuntime next = new ServiceRuntime(serviceName, runtime.deployments(), runtime.lastCompleted(),
        runtime.rolledBackFrom(), runtime.startFailures(), runtime.retryAfter(), requested, runtime.accountedStops(),
        false, runtime.nextTaskNumber(), runtime.nextDeploymentNumber(), Optional.empty(), Optional.empty(),
        runtime.lastFailed());
    return new ReconcileResult(List.of(), stops, next, events, 0, Optional.empty());
  }

  private static ReconcileResult reconcile(ServiceSpec spec, ClusterSnapshot snapshot, SnapshotIndex index,
      WorkingCluster cluster, ServiceRuntime runtime, Instant now, SchedulerSettings settings) {
    if (!runtime.serviceName().equals(spec.name())) {
      throw new IllegalArgumentException("runtime of service " + runtime.serviceName() + " passed for service " + spec.name());
    }
    Tick tick = new Tick(spec, snapshot, index, cluster, runtime, now, settings);
    (spec.isDaemon() ? new DaemonReconciler() : new ReplicaReconciler()).run(tick);
    return tick.result();
  }
}
