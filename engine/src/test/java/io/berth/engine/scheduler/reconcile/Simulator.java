package io.berth.engine.scheduler.reconcile;

import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.Fixtures;
import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskLaunch;
import io.berth.engine.scheduler.TaskStop;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A deterministic world for the scheduler: a fake clock, simulated instances and scripted task
 * outcomes per task definition revision. Each {@link #tick()} advances time, moves tasks along
 * their script, then runs {@link ServiceScheduler#reconcileAll} and applies its decisions the way the
 * control plane would.
 */
final class Simulator {
  /** How tasks of one task definition revision behave once launched. */
  record Script(Duration startDelay, boolean failsToStart, Optional<Duration> crashAfter,
      Optional<Duration> unhealthyAfter, Optional<Duration> healthyAfter) {
    static Script good() {
      return new Script(Duration.ofSeconds(5), false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Script goodWithHealthCheck(Duration healthyAfter) {
      return new Script(Duration.ofSeconds(5), false, Optional.empty(), Optional.empty(), Optional.of(healthyAfter));
    }

    static Script badImage() {
      return new Script(Duration.ofSeconds(5), true, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Never passes its health check and reports UNHEALTHY {@code after} running. */
    static Script neverHealthy(Duration after) {
      return new Script(Duration.ofSeconds(5), false, Optional.empty(), Optional.of(after), Optional.empty());
    }
  }

  private final Duration step;
  private final SchedulerSettings settings;
  Instant now = Fixtures.T0;
  final List<ContainerInstance> instances = new ArrayList<>();
  final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, Instant> stopRequestedAt = new HashMap<>();
  final Map<String, ServiceSpec> specs = new LinkedHashMap<>();
  final Map<String, ServiceRuntime> runtimes = new HashMap<>();
  final Map<String, Script> scripts = new HashMap<>();
  final List<ServiceEvent> events = new ArrayList<>();
  final List<ReconcileResult> results = new ArrayList<>();
  private final List<Consumer<Simulator>> observers = new ArrayList<>();

  Simulator(Duration step, SchedulerSettings settings) {
    this.step = step;
    this.settings = settings;
  }

  Simulator addInstances(List<ContainerInstance> more) {
    instances.addAll(more);
    return this;
  }

  Simulator deploy(ServiceSpec spec, Script script) {
    specs.put(spec.name(), spec);
    scripts.put(spec.taskDefinitionArn(), script);
    return this;
  }

  /** Calls {@code observer} after every tick (invariant checks). */
  Simulator observe(Consumer<Simulator> observer) {
    observers.add(observer);
    return this;
  }

  void drain(String instanceId) {
    instances.replaceAll(i -> i.instanceId().equals(instanceId) ? i.withStatus(InstanceStatus.DRAINING) : i);
  }

  /** The instance vanishes (host died): its tasks are lost. */
  void lose(String instanceId) {
    instances.removeIf(i -> i.instanceId().equals(instanceId));
  }

  void ticks(int n) {
    for (int k = 0; k < n; k++) {
      tick();
    }
  }

  /** Ticks until {@code condition} holds; fails after {@code max} ticks. */
  void tickUntil(Predicate<Simulator> condition, int max) {
    for (int k = 0; k < max; k++) {
      if (condition.test(this)) {
        return;
      }
      tick();
    }
    if (!condition.test(this)) {
      throw new AssertionError("condition not reached after " + max + " ticks at " + now + "; events:\n" + eventLog());
    }
  }

  /** Ticks at least once (so a change is seen), then until the service reports a steady state. */
  void tickUntilSteady(String service, int max) {
    tick();
    tickUntil(s -> s.steady(service), max);
  }

  void tick() {
    now = now.plus(step);
    advanceTasks();
    ClusterSnapshot snapshot = new ClusterSnapshot("default", instances, List.copyOf(tasks.values()));
    // STOPPED tasks are shown to the scheduler once, then forgotten, as a control plane would.
    tasks.values().removeIf(t -> !t.isLive());
    Map<String, ReconcileResult> out = ServiceScheduler.reconcileAll(List.copyOf(specs.values()), snapshot, runtimes, now, settings);
    out.forEach((name, result) -> {
      results.add(result);
      runtimes.put(name, result.runtime());
      events.addAll(result.events());
      for (TaskLaunch launch : result.tasksToStart()) {
        tasks.put(launch.taskId(), Task.pending(launch, now));
      }
      for (TaskStop stop : result.tasksToStop()) {
        Task task = tasks.get(stop.taskId());
        if (task != null) {
          tasks.put(stop.taskId(), stop.instanceLost() ? task.stopped(stop.reason()) : task.withDesiredStopped(stop.reason()));
          stopRequestedAt.put(stop.taskId(), now);
        }
      }
    });
    observers.forEach(o -> o.accept(this));
  }

  private void advanceTasks() {
    for (Task task : List.copyOf(tasks.values())) {
      if (!task.isLive()) {
        continue;
      }
      Script script = scripts.getOrDefault(task.taskDefinitionArn(), Script.good());
      Task next = task;
      if (task.desiredStatus() == TaskStatus.STOPPED) {
        next = task.stopped(task.stoppedReason().orElse("stopped"));
      } else if (task.lastStatus() == TaskStatus.PENDING && !now.isBefore(task.createdAt().plus(script.startDelay()))) {
        next = script.failsToStart()
            ? task.stopped("CannotPullContainerError: pull image manifest has been retried 5 time(s)")
            : task.withLastStatus(TaskStatus.RUNNING, now);
      } else if (task.lastStatus() == TaskStatus.RUNNING) {
        Instant started = task.startedAt().orElseThrow();
        if (script.crashAfter().map(d -> !now.isBefore(started.plus(d))).orElse(false)) {
          next = task.stopped("Essential container in task exited");
        } else if (script.unhealthyAfter().map(d -> !now.isBefore(started.plus(d))).orElse(false)) {
          next = task.withHealth(HealthStatus.UNHEALTHY);
        } else if (script.healthyAfter().map(d -> !now.isBefore(started.plus(d))).orElse(false)) {
          next = task.withHealth(HealthStatus.HEALTHY);
        }
      }
      tasks.put(task.taskId(), next);
    }
  }

  // ---- views for assertions ----

  List<Task> live(String service) {
    return tasks.values().stream().filter(t -> t.group().equals("service:" + service) && t.isLive()).toList();
  }

  List<Task> running(String service) {
    return live(service).stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING && t.desiredStatus() == TaskStatus.RUNNING).toList();
  }

  List<Task> runningOf(String service, String arn) {
    return running(service).stream().filter(t -> t.taskDefinitionArn().equals(arn)).toList();
  }

  ServiceRuntime runtime(String service) {
    return runtimes.get(service);
  }

  boolean steady(String service) {
    return runtimes.containsKey(service) && runtimes.get(service).steady();
  }

  List<String> messages() {
    return events.stream().map(ServiceEvent::message).toList();
  }

  String eventLog() {
    StringBuilder out = new StringBuilder();
    events.forEach(e -> out.append(e.createdAt()).append(' ').append(e.message()).append('\n'));
    return out.toString();
  }
}
