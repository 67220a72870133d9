package io.berth.engine.docker;

import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.model.ContainerDefinition;
import io.berth.model.TaskDefinition;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The lifecycle of one task on this host, driven by its own thread in small ticks: provision
 * (network, volumes, containers), start containers as their {@code dependsOn} conditions are met
 * (bounded by each container's startTimeout), watch them (a container's restart policy restarts it
 * in place, see {@link ContainerRestarts}; an essential container's exit that is not restarted stops
 * the task), and stop in reverse start order with each container's stopTimeout (SIGTERM, then SIGKILL).
 *
 * <p>Starting is idempotent: containers carry engine-wide names derived from the task id, and a
 * container that has started once is never started again, so a restarted agent calls {@link
 * #start} on a task it finds on Docker to adopt it without running anything twice.
 */
public final class TaskRun {
  private static final System.Logger LOG = System.getLogger(TaskRun.class.getName());
  private static final int MAX_UNEXPECTED_FAILURES = 20;

  /** Receives every changed observation of the task, from the task's thread. */
  @FunctionalInterface
  public interface Listener {
    /** Called after each change; must return quickly. */
    void changed(TaskObservation observation);
  }

  /**
   * Timing of a task run.
   *
   * @param pollInterval how often containers are inspected while the task starts or stops
   * @param steadyPollInterval how often they are inspected once every container has started
   * @param defaultStartTimeout dependency wait of a container without startTimeout (ECS: 3 minutes)
   * @param clock what the run reads time from: start and stop times, dependency start timeouts
   */
  public record Settings(Duration pollInterval, Duration steadyPollInterval, Duration defaultStartTimeout,
      Clock clock) {
    /** The defaults: 500 ms polls while a task changes, 500 ms once it runs, 3 minute dependency waits. */
    public static Settings defaults() {
      return new Settings(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMinutes(3), Clock.systemUTC());
    }

    /** These settings with another poll interval (for steady tasks too, unless set apart later). */
    public Settings withPollInterval(Duration interval) {
      return new Settings(interval, interval, defaultStartTimeout, clock);
    }

    /**
     * These settings polling a running task whose containers have all started only every {@code
     * interval}: for callers that {@link TaskRun#poke} runs on Docker events.
     */
    public Settings withSteadyPollInterval(Duration interval) {
      return new Settings(pollInterval, interval, defaultStartTimeout, clock);
    }

    /** These settings reading time from {@code clock}. */
    public Settings withClock(Clock clock) {
      return new Settings(pollInterval, steadyPollInterval, defaultStartTimeout, clock);
    }
  }

  private final DockerRuntime runtime;
  private final TaskSpec spec;
  private final SecretSource secrets;
  private final Settings settings;
  private final Listener listener;
  private final List<String> order;
  private final Map<String, String> dockerIds = new HashMap<>();
  private final Map<String, ContainerObservation> observed = new LinkedHashMap<>();
  private final ContainerRestarts restarts = new ContainerRestarts();
  private final Object wake = new Object();
  private final Thread thread;
  private volatile String stopReason;
  private volatile boolean detached;
  private boolean poked;
  private int unexpectedFailures;
  private volatile TaskObservation current;
  private Instant waitingSince;
  private boolean provisioned;
  /** A launch the agent just decided on, not an adoption: its containers most likely do not exist yet. */
  private final boolean fresh;

  private TaskRun(DockerRuntime runtime, TaskSpec spec, SecretSource secrets, Settings settings, Listener listener,
      boolean fresh) {
    this.fresh = fresh;
    this.runtime = runtime;
    this.spec = spec;
    this.secrets = secrets;
    this.settings = settings;
    this.listener = listener;
    this.order = StartOrder.of(spec.taskDefinition());
    spec.taskDefinition().containerDefinitions().forEach(c -> observed.put(c.name(),
        ContainerObservation.notCreated(c.name())));
    this.current = new TaskObservation(spec.taskId(), TaskStatus.PENDING, HealthStatus.UNKNOWN,
        List.copyOf(observed.values()), Optional.empty(), Optional.empty(), Optional.empty());
    this.thread = new Thread(this::run, "berth-task-" + spec.taskId());
    this.thread.setDaemon(true);
  }

  /**
   * Starts (or adopts, if its containers exist) the task on its own thread: for a task found on
   * Docker, whose containers are inspected by name before anything is created.
   *
   * @throws IllegalArgumentException if the task definition's container references are broken
   */
  public static TaskRun start(DockerRuntime runtime, TaskSpec spec, SecretSource secrets, Settings settings,
      Listener listener) {
    return begin(runtime, spec, secrets, settings, listener, false);
  }

  /**
   * Launches a task this host has never run, on its own thread. Same guarantees as {@link #start}
   * (a container that exists after all is found through Docker's 409 Conflict and adopted, never
   * started twice), but fewer Docker calls: each container is created without a look-up first and
   * started in the same tick as soon as its dependsOn conditions are met.
   *
   * @throws IllegalArgumentException if the task definition's container references are broken
   */
  public static TaskRun launch(DockerRuntime runtime, TaskSpec spec, SecretSource secrets, Settings settings,
      Listener listener) {
    return begin(runtime, spec, secrets, settings, listener, true);
  }

  private static TaskRun begin(DockerRuntime runtime, TaskSpec spec, SecretSource secrets, Settings settings,
      Listener listener, boolean fresh) {
    TaskRun run = new TaskRun(runtime, Objects.requireNonNull(spec, "spec == null"), secrets, settings, listener,
        fresh);
    run.thread.start();
    return run;
  }

  /** The task being run. */
  public TaskSpec spec() {
    return spec;
  }

  /** The latest observation. */
  public TaskObservation observation() {
    return current;
  }

  /** How often the restart policy restarted each container so far (containers never restarted are left out). */
  public Map<String, Integer> restartCounts() {
    return restarts.counts();
  }

  /** Whether the task has reached STOPPED (its thread has ended or is ending). */
  public boolean isStopped() {
    return current.lastStatus() == TaskStatus.STOPPED;
  }

  /** Whether the task has been asked to stop (or decided to, after an essential container exited). */
  public boolean isStopRequested() {
    return stopReason != null;
  }

  /** Asks the task to stop; the first reason given is kept. Returns at once. */
  public void stop(String reason) {
    synchronized (wake) {
      if (stopReason == null) {
        stopReason = reason;
      }
      wake.notifyAll();
    }
  }

  /**
   * Ends this run's thread and leaves the containers as they are: for an agent that shuts down
   * without stopping its tasks, so that the agent started next adopts them with a run of its own.
   */
  public void detach() {
    synchronized (wake) {
      detached = true;
      wake.notifyAll();
    }
  }

  /** Makes the task look at its containers now (Docker reported an event for one of them). */
  public void poke() {
    synchronized (wake) {
      poked = true;
      wake.notifyAll();
    }
  }

  /** Waits until the task is STOPPED; true if it got there within {@code timeout}. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    thread.join(Math.max(1, timeout.toMillis()));
    return !thread.isAlive();
  }

  /** Removes the task's containers, network and task volumes; call once it is stopped. */
  public void remove() {
    if (!isStopped()) {
      throw new IllegalStateException("task " + spec.taskId() + " is " + current.lastStatus()
          + "; stop it before removing it");
    }
    runtime.remove(spec);
  }

  private void run() {
    try {
      while (!detached) {
        // A stop requested while paused goes straight to stopping: its own inspect comes after the
        // stop calls, one inspect before them would only queue behind other tasks in dockerd.
        if (stopReason == null) {
          tick();
        }
        if (stopReason != null) {
          stopContainers();
          return;
        }
        pause();
      }
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "task " + spec.taskId() + " failed unexpectedly", e);
      stop("Berth agent error: " + e.getMessage());
      try {
        stopContainers();
      } catch (RuntimeException again) {
        publish(true, true);
      }
    }
  }

  private void tick() {
    try {
      if (!provisioned) {
        if (stopReason != null || detached) {
          return;
        }
        provision();
        provisioned = true;
        // Report PENDING with the containers' Docker ids before anything starts.
        publish(false, false);
        // provision() just observed every container (or knows it from the create): no second
        // inspect before starting, which would only queue behind other tasks' calls in dockerd.
      } else if (!observeAllOrWait()) {
        return;
      }
      // an exit the restart policy restarts is no exit: judged before the essential containers are
      restarts.restartExited(spec, observed, settings.clock().instant(), stopReason != null, (name, container) -> {
        runtime.start(spec, container, dockerIds.get(name));
        observed.put(name, runtime.observe(spec, container, dockerIds.get(name)));
      });
      Optional<ContainerObservation> exited = TaskSummary.exitedEssential(spec.taskDefinition(),
          List.copyOf(observed.values()));
      if (exited.isPresent()) {
        stop("Essential container in task exited: " + exited.get().name() + " (exit code "
            + exited.get().exitCode().map(String::valueOf).orElse("unknown")
            + exited.get().reason().map(reason -> ", " + reason).orElse("") + ")");
        return;
      }
      if (stopReason == null) {
        startReadyContainers();
      }
      unexpectedFailures = 0;
    } catch (TaskRuntimeException e) {
      // The reason travels in the observation (and the agent logs it with the STOPPED line).
      LOG.log(Level.DEBUG, e.getMessage());
      stop(e.getMessage());
    } catch (IllegalArgumentException | IllegalStateException e) {
      stop("task " + spec.taskId() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      // Docker unreachable for a moment: try again next tick, but give up on a failure that lasts.
      if (++unexpectedFailures >= MAX_UNEXPECTED_FAILURES) {
        stop("task " + spec.taskId() + ": Docker kept failing (" + e.getMessage() + ")");
      } else {
        LOG.log(Level.WARNING, "task " + spec.taskId() + ": " + e.getMessage() + "; trying again");
        return;
      }
    }
    publish(stopReason != null, false);
  }

  private void provision() {
    runtime.ensureNetwork(spec);
    runtime.ensureVolumes(spec);
    runtime.taskCgroups().prepare(spec);
    for (String name : order) {
      ContainerDefinition container = definition(name);
      ContainerBlueprint blueprint = Blueprints.of(spec, container, ContainerSecrets.environment(spec, container,
          secrets));
      DockerRuntime.Creation creation = runtime.create(spec, blueprint, !fresh,
          ContainerSecrets.registry(spec, container, secrets));
      dockerIds.put(name, creation.dockerId());
      // A container this call created is known to be "created" and never started; one that existed
      // (an adoption, or a launch racing a previous run) may be in any state: ask Docker.
      observed.put(name, creation.created() ? ContainerObservation.created(name, creation.dockerId())
          : remembering(observed.get(name), runtime.observe(spec, container, creation.dockerId())));
      restarts.adopted(name, observed.get(name));
    }
    waitingSince = settings.clock().instant();
  }

  /**
   * Observes every container; false when Docker did not answer, which is no reason to stop a task:
   * the next tick looks again (a restarting daemon keeps its containers).
   */
  private boolean observeAllOrWait() {
    try {
      observeAll();
      return true;
    } catch (TaskRuntimeException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "task " + spec.taskId() + ": cannot inspect its containers now (" + e.getMessage()
          + "); trying again");
      return false;
    }
  }

  private void observeAll() {
    for (String name : order) {
      String id = dockerIds.get(name);
      if (id != null) {
        observed.put(name, remembering(observed.get(name), runtime.observe(spec, definition(name), id)));
      }
    }
  }

  /**
   * A container removed behind the agent's back (docker rm -f) inspects as "not found": it still
   * ran, so it keeps its start time and counts as an exited container.
   */
  private ContainerObservation remembering(ContainerObservation before, ContainerObservation now) {
    if (now.stopped() && now.startedAt().isEmpty() && before.startedAt().isPresent()) {
      return new ContainerObservation(now.name(), now.dockerId(), now.lastStatus(), now.exitCode(), now.health(),
          now.networkBindings(), before.startedAt(), Optional.of(settings.clock().instant()), now.reason());
    }
    return now;
  }

  private void startReadyContainers() {
    Instant now = settings.clock().instant();
    for (String name : order) {
      ContainerObservation self = observed.get(name);
      if (detached) {
        return;
      }
      if (self.startedAt().isPresent() || self.lastStatus() != TaskStatus.PENDING) {
        continue;
      }
      ContainerDefinition container = definition(name);
      DependencyCheck.Readiness readiness = DependencyCheck.readiness(container, observed,
          Duration.between(waitingSince, now), settings.defaultStartTimeout());
      if (readiness.stopReason().isPresent()) {
        stop(readiness.stopReason().get());
        return;
      }
      if (readiness.check() != DependencyCheck.MET) {
        continue;
      }
      runtime.start(spec, container, dockerIds.get(name));
      restarts.started(name, now);
      observed.put(name, runtime.observe(spec, container, dockerIds.get(name)));
    }
  }

  private void stopContainers() {
    publish(true, false);
    List<String> reverse = new ArrayList<>(order);
    Collections.reverse(reverse);
    for (String name : reverse) {
      String id = dockerIds.get(name);
      ContainerObservation state = observed.get(name);
      if (id != null && state.lastStatus() == TaskStatus.RUNNING) {
        ContainerDefinition container = definition(name);
        runtime.stop(spec, name, id, container.stopTimeout().orElse(Blueprints.DEFAULT_STOP_TIMEOUT));
      }
    }
    observeAll();
    // Containers that never started never will: they count as stopped.
    observed.replaceAll((name, state) -> state.stopped() ? state : state.withStatus(TaskStatus.STOPPED));
    publish(true, true);
  }

  private void publish(boolean stopping, boolean allStopped) {
    TaskObservation previous = current;
    List<ContainerObservation> containers = List.copyOf(observed.values());
    TaskStatus status = TaskSummary.status(previous.lastStatus(), stopping, allStopped, containers);
    Instant now = settings.clock().instant();
    Optional<Instant> startedAt = previous.startedAt().isPresent() || status != TaskStatus.RUNNING
        ? previous.startedAt() : Optional.of(now);
    Optional<Instant> stoppedAt = previous.stoppedAt().isPresent() || status != TaskStatus.STOPPED
        ? previous.stoppedAt() : Optional.of(now);
    // Once the task stops, its health stays what it was while it ran: the checks stop with it.
    HealthStatus health = stopping ? previous.health() : TaskSummary.health(spec.taskDefinition(), containers);
    TaskObservation next = new TaskObservation(spec.taskId(), status, health, containers,
        Optional.ofNullable(stopReason), startedAt, stoppedAt);
    if (!next.equals(previous)) {
      current = next;
      try {
        listener.changed(next);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "listener failed for task " + spec.taskId() + ": " + e.getMessage());
      }
    }
  }

  private void pause() {
    Duration interval = settled() ? settings.steadyPollInterval() : settings.pollInterval();
    synchronized (wake) {
      if (stopReason != null || detached || poked) {
        poked = false;
        return;
      }
      try {
        wake.wait(Math.max(1, interval.toMillis()));
        poked = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop("agent shut down");
      }
    }
  }

  /** Whether every container has started (or finished): nothing is waiting on a dependency. */
  private boolean settled() {
    return provisioned && observed.values().stream().allMatch(c -> c.startedAt().isPresent() || c.stopped());
  }

  private ContainerDefinition definition(String name) {
    TaskDefinition definition = spec.taskDefinition();
    return definition.container(name).orElseThrow();
  }
}
