package io.berth.engine.server;

import io.berth.engine.api.DesiredStatus;
import io.berth.engine.api.ObservedContainer;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.autoscaling.Autoscaler;
import io.berth.engine.autoscaling.AutoscalerState;
import io.berth.engine.autoscaling.ScalingDecision;
import io.berth.engine.autoscaling.ServiceMetrics;
import io.berth.engine.balancer.TargetHealthState;
import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.PortBinding;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskHealth;
import io.berth.engine.scheduler.TaskLaunch;
import io.berth.engine.scheduler.TaskRequirements;
import io.berth.engine.scheduler.TaskStop;
import io.berth.engine.scheduler.deployment.Deployment;
import io.berth.engine.scheduler.reconcile.ReconcileResult;
import io.berth.engine.scheduler.reconcile.SchedulerSettings;
import io.berth.engine.scheduler.reconcile.ServiceRuntime;
import io.berth.engine.scheduler.reconcile.ServiceScheduler;
import io.berth.engine.scheduler.reconcile.ServiceSpec;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import io.berth.model.SchedulingStrategy;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.model.TaskDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One reconcile pass, pure: (snapshot, declared state, now) to the next snapshot. The decisions are
 * the scheduler core's ({@link ServiceScheduler#reconcileAll}, once per cluster); this class only
 * maps the control plane's records to the core's inputs and applies its results: new tasks are
 * recorded PROVISIONING on the chosen instance, stopped tasks get desired status STOPPED (or are
 * marked STOPPED when their instance is lost; a running task behind a load balancer is held until
 * its targets are drained, see {@link LoadBalancers}), each service's {@link ServiceRuntime} is kept in
 * the snapshot (and so on the runtime ref), events go to the log. An auto scaled service is first
 * given the autoscaler's desired count ({@link Autoscaler#decide} on its tasks' averaged utilization),
 * which the scheduler then keeps instead of the declared one. Its own bookkeeping is the
 * shell's: instances that stop syncing become LOST, tasks stopped over an hour ago are forgotten.
 */
final class SchedulerRun {
  /** First retry delay after a start failure (doubling, capped): short, for a laptop cluster. */
  static final Duration THROTTLE_BASE = Duration.ofSeconds(1);
  /** Cluster name an agent registers with to serve every cluster (the agents of {@code berth up}). */
  static final String ANY_CLUSTER = "*";

  private SchedulerRun() {}

  /** The next snapshot. */
  static ControlPlaneSnapshot reconcile(ControlPlaneSnapshot snapshot, DeclaredSnapshot declared, Instant now,
      ReconcileSettings settings) {
    return reconcile(snapshot, declared, now, settings, Map.of());
  }

  /** The next snapshot, auto scaling services on {@code metrics} (keyed {@code cluster/service}). */
  static ControlPlaneSnapshot reconcile(ControlPlaneSnapshot snapshot, DeclaredSnapshot declared, Instant now,
      ReconcileSettings settings, Map<String, ServiceMetrics> metrics) {
    ControlPlaneSnapshot.Builder next = snapshot.toBuilder();
    markLostInstances(next, now, settings);
    Map<String, List<Service>> byCluster = new TreeMap<>();
    Set<String> scaled = new HashSet<>();
    for (Service declaredService : declared.services()) {
      Service service = autoscale(next, declaredService, declared, metrics, now);
      if (service != declaredService) {
        scaled.add(ControlPlaneSnapshot.serviceKey(service.cluster(), service.serviceName()));
      }
      byCluster.computeIfAbsent(service.cluster(), k -> new ArrayList<>()).add(service);
    }
    next.autoscaling.keySet().retainAll(scaled);
    for (String key : next.runtimes.keySet()) {
      byCluster.computeIfAbsent(key.substring(0, key.indexOf('/')), k -> new ArrayList<>());
    }
    Set<String> balanced = new HashSet<>();
    declared.services().stream().filter(s -> !s.loadBalancers().isEmpty())
        .forEach(s -> balanced.add(ControlPlaneSnapshot.serviceKey(s.cluster(), s.serviceName())));
    byCluster.forEach((cluster, services) -> reconcileCluster(next, cluster, services, declared, now,
        schedulerSettings(settings), balanced));
    prune(next, now);
    return next.build();
  }

  /**
   * The service with the autoscaler's desired count, or the service itself when it has no (usable)
   * scaling; the first evaluation starts from the declared count.
   */
  private static Service autoscale(ControlPlaneSnapshot.Builder next, Service service, DeclaredSnapshot declared,
      Map<String, ServiceMetrics> metrics, Instant now) {
    String key = ControlPlaneSnapshot.serviceKey(service.cluster(), service.serviceName());
    ServiceScaling scaling = declared.scaling().get(key);
    if (scaling == null || service.schedulingStrategy() == SchedulingStrategy.DAEMON) {
      return service;
    }
    AutoscaledService prior = next.autoscaling.get(key);
    int current = prior != null ? prior.desiredCount() : service.desiredCount().orElse(scaling.minCapacity());
    AutoscalerState state = prior != null ? prior.state() : AutoscalerState.INITIAL;
    ScalingDecision decision;
    try {
      decision = Autoscaler.decide(scaling, current, metrics.getOrDefault(key, ServiceMetrics.NONE), state, now);
    } catch (IllegalArgumentException badSchedule) {
      next.eventOnce(now, service.cluster(), service.serviceName(), "(service " + service.serviceName()
          + ") cannot auto scale: " + badSchedule.getMessage() + "; fix the scheduled action and apply again.");
      next.autoscaling.put(key, new AutoscaledService(current, state));
      return withDesiredCount(service, current);
    }
    if (decision.changed()) {
      next.event(now, service.cluster(), service.serviceName(), decision.event(service.serviceName()));
    }
    next.autoscaling.put(key, new AutoscaledService(decision.newDesired(), decision.state()));
    return withDesiredCount(service, decision.newDesired());
  }

  private static Service withDesiredCount(Service service, int count) {
    return new Service(service.serviceName(), service.cluster(), service.taskDefinition(), service.launchType(),
        service.schedulingStrategy(), Optional.of(count), service.placementStrategy(),
        service.placementConstraints(), service.deploymentConfiguration(), service.healthCheckGracePeriodSeconds(),
        service.loadBalancers(), service.serviceRegistries());
  }

  /** The core's settings for the control plane's timing rules. */
  static SchedulerSettings schedulerSettings(ReconcileSettings settings) {
    return new SchedulerSettings(settings.healthyAfter(), THROTTLE_BASE, settings.maxLaunchDelay(),
        SchedulerSettings.defaults().unplacedEventInterval(), 0L);
  }

  /** Whether a task counts healthy by the core's rule ({@link TaskHealth}); for the views. */
  static boolean healthy(TaskRecord task, Service service, Optional<TaskDefinition> definition, Instant now,
      Duration healthyAfter) {
    return task.wanted() && TaskHealth.healthy(coreTask(task, task.group(), definition), definition
        .map(TaskHealth::hasHealthCheck).orElse(false), !service.loadBalancers().isEmpty(), now, healthyAfter);
  }

  private static void reconcileCluster(ControlPlaneSnapshot.Builder next, String cluster, List<Service> services,
      DeclaredSnapshot declared, Instant now, SchedulerSettings settings, Set<String> balanced) {
    List<ServiceSpec> specs = new ArrayList<>();
    Set<String> declaredNames = new HashSet<>();
    for (Service service : services) {
      declaredNames.add(service.serviceName());
      var revision = declared.resolve(service.taskDefinition());
      if (revision.isEmpty()) {
        next.eventOnce(now, service.cluster(), service.serviceName(), "(service " + service.serviceName()
            + ") cannot find task definition " + service.taskDefinition()
            + " in the state repository; apply a plan that registers it.");
        continue;
      }
      specs.add(new ServiceSpec(service, revision.get().definition(),
          revision.get().family() + ":" + revision.get().revision()));
    }
    var snapshot = coreSnapshot(next, cluster, declared);
    Map<String, ServiceRuntime> runtimes = new HashMap<>();
    for (ServiceSpec spec : specs) {
      ServiceRuntime runtime = next.runtimes.get(ControlPlaneSnapshot.serviceKey(cluster, spec.name()));
      if (runtime != null) {
        runtimes.put(spec.name(), runtime);
      }
    }
    Map<String, ReconcileResult> results = new LinkedHashMap<>(
        ServiceScheduler.reconcileAll(specs, snapshot, runtimes, now, settings));
    for (Map.Entry<String, ServiceRuntime> entry : next.runtimes.entrySet()) {
      String name = entry.getValue().serviceName();
      if (entry.getKey().equals(ControlPlaneSnapshot.serviceKey(cluster, name)) && !declaredNames.contains(name)) {
        results.put(name, ServiceScheduler.retire(name, snapshot, entry.getValue(), now));
      }
    }
    results.forEach((name, result) -> apply(next, cluster, name, result, now,
        balanced.contains(ControlPlaneSnapshot.serviceKey(cluster, name))));
  }

  /** The core's view of one cluster: its instances (LOST ones are gone) and the tasks they hold. */
  private static ClusterSnapshot coreSnapshot(ControlPlaneSnapshot.Builder next, String cluster,
      DeclaredSnapshot declared) {
    List<ContainerInstance> instances = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (InstanceRecord instance : next.instances.values()) {
      boolean member = instance.cluster().equals(cluster) || instance.cluster().equals(ANY_CLUSTER);
      if (member && instance.status() != InstanceRecord.InstanceStatus.LOST) {
        ids.add(instance.instanceId());
        instances.add(new ContainerInstance(instance.instanceId(),
            instance.status() == InstanceRecord.InstanceStatus.DRAINING ? InstanceStatus.DRAINING : InstanceStatus.ACTIVE,
            true, instance.agentVersion(), instance.registeredAt(), instance.attributes(), instance.cpu(),
            instance.memory(), ContainerInstance.DEFAULT_RESERVED_PORTS));
      }
    }
    List<Task> tasks = new ArrayList<>();
    // A service's tasks share one or two definitions: their requirements are worked out once a pass.
    // Keyed by identity: the tasks of one deployment share its definition object, and hashing a whole
    // task definition would cost about what it saves.
    Map<TaskDefinition, TaskRequirements> needs = new IdentityHashMap<>();
    for (TaskRecord task : next.tasks.values()) {
      boolean member = task.cluster().equals(cluster);
      if (!member && !(task.alive() && ids.contains(task.instanceId()))) {
        continue;
      }
      Optional<TaskDefinition> definition = definition(next.runtimes, declared, task);
      TaskRequirements requirements = needs.computeIfAbsent(definition.orElse(null), d -> requirements(definition));
      // Another cluster's task on a shared instance only holds resources and ports here.
      tasks.add(coreTask(task, member ? task.group() : "cluster:" + task.cluster() + "/" + task.group(), requirements));
    }
    return new ClusterSnapshot(cluster, instances, tasks);
  }

  private static Optional<TaskDefinition> definition(Map<String, ServiceRuntime> runtimes, DeclaredSnapshot declared,
      TaskRecord task) {
    return ControlPlaneSnapshot.deploymentOf(runtimes, task).map(Deployment::taskDefinition)
        .or(() -> Optional.ofNullable(declared.taskDefinitions().get(task.family()))
            .map(revisions -> revisions.get(task.revision())));
  }

  /** The core's view of a task: its state and what it holds on its instance. */
  static Task coreTask(TaskRecord task, String group, Optional<TaskDefinition> definition) {
    return coreTask(task, group, requirements(definition));
  }

  /** What a task of {@code definition} holds; nothing when the definition is unknown or unreadable. */
  private static TaskRequirements requirements(Optional<TaskDefinition> definition) {
    if (definition.isPresent()) {
      try {
        return TaskRequirements.of(definition.get());
      } catch (IllegalArgumentException unreadable) {
        // Never placed with these numbers either: it holds nothing the placement could count.
      }
    }
    return new TaskRequirements(0, 0, List.of());
  }

  private static Task coreTask(TaskRecord task, String group, TaskRequirements needs) {
    List<PortBinding> ports = new ArrayList<>();
    // A task in host network mode holds its ports on the whole machine (the definition says which).
    boolean hostNetwork = needs.ports().stream().anyMatch(TaskRequirements.PortRequest::machineWide);
    for (ObservedContainer container : task.containers()) {
      for (NetworkBinding binding : container.networkBindings()) {
        ports.add(new PortBinding(container.name(), binding.containerPort(), binding.hostPort(), binding.protocol(),
            hostNetwork));
      }
    }
    if (ports.isEmpty()) {
      // Not reported yet: it will hold at least its fixed host ports.
      needs.ports().stream().filter(p -> !p.isDynamic())
          .forEach(p -> ports.add(new PortBinding(p.containerName(), p.containerPort(), p.hostPort(), p.protocol(),
              p.machineWide())));
    }
    var desired = task.desiredStatus() == DesiredStatus.RUNNING
        ? TaskStatus.RUNNING : TaskStatus.STOPPED;
    // As ECS does with ELB health checks: a task its load balancer finds unhealthy is replaced (after the
    // service's health check grace period), like one whose container health check fails.
    HealthStatus health = task.targetHealth() == TargetHealthState.UNHEALTHY ? HealthStatus.UNHEALTHY : task.healthStatus();
    return new Task(task.taskId(), group, task.family() + ":" + task.revision(), Optional.of(task.deploymentId()),
        task.instanceId(), task.lastStatus(), desired, health, needs.cpu(), needs.memory(), ports,
        task.createdAt(), task.runningSince(), task.stoppedReason(), task.targetHealthy());
  }

  private static void apply(ControlPlaneSnapshot.Builder next, String cluster, String name, ReconcileResult result,
      Instant now, boolean balanced) {
    for (TaskLaunch launch : result.tasksToStart()) {
      String arn = launch.taskDefinitionArn();
      int colon = arn.lastIndexOf(':');
      // Task ids are the core's <service>-<n>, made unique across clusters.
      String taskId = cluster + "-" + launch.taskId();
      next.tasks.put(taskId, TaskRecord.placed(taskId, cluster, name, launch.deploymentId(), arn.substring(0, colon),
          Integer.parseInt(arn.substring(colon + 1)), launch.instanceId(), now));
    }
    for (TaskStop stop : result.tasksToStop()) {
      TaskRecord task = next.tasks.get(stop.taskId());
      if (task == null) {
        continue;
      }
      TaskRecord stopped = stop.instanceLost() ? task.lost(now) : task.stop(stop.reason());
      if (balanced && !stop.instanceLost() && task.lastStatus() == TaskStatus.RUNNING && !task.drainHold()
          && task.desiredStatus() == DesiredStatus.RUNNING) {
        // Its agent hears of the stop once the load balancer has drained its targets (LoadBalancers).
        stopped = stopped.holdForDrain();
      }
      if (stopped.lastStatus() == TaskStatus.PROVISIONING) {
        // Never seen by its agent: nothing runs, so it is stopped already.
        stopped = stopped.observe(new ObservedTask(task.taskId(), TaskStatus.STOPPED, HealthStatus.UNKNOWN, List.of(),
            stopped.stoppedReason(), Optional.empty(), Optional.of(now.toString())), now);
      }
      next.tasks.put(task.taskId(), stopped);
    }
    result.events().forEach(event -> next.event(event.createdAt(), cluster, name, event.message()));
    next.runtimes.put(ControlPlaneSnapshot.serviceKey(cluster, name), result.runtime());
  }

  private static void markLostInstances(ControlPlaneSnapshot.Builder next, Instant now, ReconcileSettings settings) {
    for (InstanceRecord instance : List.copyOf(next.instances.values())) {
      if (instance.missedSyncs(settings.lostAfter(), now)) {
        next.instances.put(instance.instanceId(), instance.withStatus(InstanceRecord.InstanceStatus.LOST));
        next.event(now, "(instance " + instance.instanceId() + ") missed its syncs for "
            + settings.lostAfter().toSeconds() + " s and is LOST; its tasks will be replaced.");
      }
    }
  }

  /** Forgets tasks stopped over an hour ago (the core has long counted them). */
  private static void prune(ControlPlaneSnapshot.Builder next, Instant now) {
    Instant horizon = now.minus(Duration.ofHours(1));
    next.tasks.values().removeIf(t -> !t.alive() && t.stoppedAt().map(horizon::isAfter).orElse(false));
  }
}
