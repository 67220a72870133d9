package io.berth.engine.agent;

import com.github.dockerjava.api.DockerClient;
import io.berth.engine.api.ApiException;
import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.RegisterInstanceResponse;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.api.SyncResponse;
import io.berth.engine.docker.ContainerEvents;
import io.berth.engine.docker.DockerRuntime;
import io.berth.engine.docker.LifecycleStatus;
import io.berth.engine.docker.SecretSource;
import io.berth.engine.docker.TaskObservation;
import io.berth.engine.docker.TaskRun;
import io.berth.engine.docker.TaskSpec;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Berth host agent: registers this host as a container instance, then syncs with the control
 * plane at once after any local change and otherwise with blocking syncs that the control plane
 * answers as soon as this host's assignment changes (every {@code syncIntervalMillis} against a
 * control plane without them), starting and stopping tasks to match the full desired set the
 * server answers with. Syncing runs on one thread and never touches Docker or the disk; adopting,
 * launching, stopping and removing tasks run on a second thread, so a busy Docker engine never
 * keeps the control plane from hearing of this host (it would take the host for lost and replace
 * its tasks). Several agents can share one JVM and one Docker engine, each touching only
 * containers with its own {@code berth.instance} label.
 *
 * <pre>{@code
 * Agent agent = new Agent(AgentConfig.of(serverUrl, joinToken, dataDir).withZone("zone-a"), docker);
 * agent.start();
 * agent.awaitRegistered(Duration.ofSeconds(10));
 * ...
 * agent.stop();   // tasks keep running; a new agent on the same data dir adopts them
 * }</pre>
 */
public final class Agent implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Agent.class.getName());
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  /**
   * Polls are only a safety net: Docker events poke a task run on every exit, removal, health verdict
   * and pause, and every run is looked at again whenever the event stream (re)connects. Each poll is
   * a container inspect, which dockerd serves on the CPU the containers being started need.
   */
  private static final Duration STEADY_POLL = Duration.ofSeconds(15);
  /** How long a blocking sync may wait for this agent's assignment to change (the server caps it too). */
  private static final Duration SYNC_WAIT = Duration.ofSeconds(5);
  /** A blocking sync answered faster than this without a change counts as cut short. */
  private static final Duration MIN_BLOCKING_SYNC = Duration.ofMillis(50);
  /** Longest the sync thread waits for the task thread to act on an answer before it syncs again. */
  private static final Duration APPLY_WAIT = Duration.ofSeconds(1);
  /** How often the task thread looks for stopped tasks whose cleanup wait is over, with no answer to apply. */
  private static final Duration CHORES = Duration.ofMillis(500);

  private final AgentConfig config;
  private final DockerRuntime runtime;
  private final ControlPlaneClient client;
  private final DataDir dataDir;
  private final TaskRun.Settings settings;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, TaskRun> runs = new ConcurrentHashMap<>();
  private final Map<String, ObservedTask> acknowledged = new ConcurrentHashMap<>();
  private final Set<String> finished = ConcurrentHashMap.newKeySet();
  /** Stopped tasks whose containers are kept until their cleanup time (see AgentConfig.taskCleanupWait). */
  private final Map<String, PendingCleanup> cleanups = new ConcurrentHashMap<>();
  /** Containers of tasks this agent has no definition for (task thread only). */
  private final Set<String> orphans = new HashSet<>();
  /** Answers and adoption requests, from the sync thread to the task thread. */
  private final AssignmentMailbox mailbox = new AssignmentMailbox();
  private final Map<String, LifecycleStatus> lastLogged = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private volatile boolean dirty;
  private volatile boolean running;
  private volatile String instanceId;
  private volatile Duration syncInterval = Duration.ofSeconds(1);
  private volatile Optional<String> lastError = Optional.empty();
  /**
   * The last answer and the index of its assignment (agent thread only): what the next sync waits on
   * and says it holds. Null before the first answer, after a re-registration, or from a control plane
   * that gives no index.
   */
  private Held held;
  private Thread loop;
  private Thread worker;
  private volatile ContainerEvents events;
  private final UtilizationSampler utilization;
  /** The tasks whose utilization the control plane reads, from its last answer (task thread writes). */
  private volatile Set<String> sampled = Set.of();

  /** An agent using {@code docker}, which the caller keeps ownership of. */
  public Agent(AgentConfig config, DockerClient docker) {
    this.config = config;
    this.runtime = new DockerRuntime(docker);
    this.client = new ControlPlaneClient(config.server(), config.token());
    this.dataDir = new DataDir(config.dataDir());
    // Docker events poke tasks at once (see STEADY_POLL), so polls need not be frequent.
    this.settings = TaskRun.Settings.defaults().withPollInterval(config.pollInterval())
        .withSteadyPollInterval(max(config.pollInterval(), STEADY_POLL));
    this.utilization = new UtilizationSampler(docker, runs, taskId -> sampled.contains(taskId), () -> syncInterval,
        config.zone());
  }

  /** Starts registering and syncing on the agent's thread; returns at once. */
  public synchronized void start() {
    if (loop != null) {
      throw new IllegalStateException("agent already started; create a new Agent to start again");
    }
    running = true;
    loop = new Thread(this::run, "berth-agent-" + config.zone());
    loop.setDaemon(true);
    worker = new Thread(this::work, "berth-agent-tasks-" + config.zone());
    worker.setDaemon(true);
    worker.start();
    loop.start();
    utilization.start();
  }

  /** Waits until the control plane has given this agent its instance id. */
  public boolean awaitRegistered(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (instanceId == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return instanceId != null;
  }

  /** The container instance id, once registered. */
  public Optional<String> instanceId() {
    return Optional.ofNullable(instanceId);
  }

  /** The configuration. */
  public AgentConfig config() {
    return config;
  }

  /** The last sync or registration failure, cleared by the next success. */
  public Optional<String> lastError() {
    return lastError;
  }

  /** What the agent would report now: every task it has, sorted by task id. */
  public List<ObservedTask> tasks() {
    Map<String, ObservedTask> all = new TreeMap<>(acknowledged);
    runs.forEach((id, run) -> {
      ObservedTask report = Reports.task(run.observation());
      all.put(id, utilization.latest(id).filter(s -> report.lastStatus() == io.berth.engine.api.TaskStatus.RUNNING)
          .map(s -> report.withUtilization(s.cpu(), s.memory())).orElse(report));
    });
    return List.copyOf(all.values());
  }

  /**
   * Stops the agent's thread and leaves its tasks running, as a crashed agent would: a new agent
   * with the same data dir adopts them.
   */
  @Override
  public void close() {
    stop();
  }

  /** Same as {@link #close()}. */
  public void stop() {
    stopLoop();
    runs.values().forEach(TaskRun::detach);
  }

  private void stopLoop() {
    Thread thread;
    Thread tasks;
    synchronized (this) {
      running = false;
      thread = loop;
      tasks = worker;
    }
    wake();
    mailbox.close();
    // The task thread last: once it has ended, nothing launches or removes a task behind the caller.
    for (Thread each : new Thread[] {thread, tasks}) {
      if (each != null) {
        try {
          each.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    utilization.close();
    ContainerEvents watcher = events;
    if (watcher != null) {
      watcher.close();
    }
  }

  /**
   * Stops the agent and every task it runs (reverse dependency order, each container's
   * stopTimeout), then removes their containers, networks and task volumes: for {@code berth down}.
   */
  public void stopAndRemoveTasks(Duration timeout) throws InterruptedException {
    stopLoop();
    long deadline = System.nanoTime() + timeout.toNanos();
    runs.values().forEach(run -> run.stop("Container instance shut down"));
    // Stopped tasks waiting for their cleanup go now: berth down leaves nothing behind.
    for (PendingCleanup pending : cleanups.values()) {
      pending.run().remove();
    }
    cleanups.clear();
    for (TaskRun run : runs.values()) {
      run.awaitStopped(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (run.isStopped()) {
        run.remove();
      } else {
        // Out of time (or the run was detached): remove by label, which kills what still runs.
        runtime.removeOrphan(run.spec().instanceId(), run.spec().taskId());
      }
      dataDir.forgetTask(run.spec().taskId());
    }
    runs.clear();
  }

  private void run() {
    int failures = 0;
    boolean registered = false;
    boolean blocking = false;
    while (running) {
      try {
        if (!registered) {
          register();
          watchEvents();
          // Before the task thread applies any answer, as before the first sync: nothing starts twice.
          mailbox.requestAdoption();
          registered = true;
        }
        blocking = syncOnce();
        failures = 0;
        lastError = Optional.empty();
      } catch (ApiException e) {
        failures++;
        lastError = Optional.of(e.getMessage());
        if (e.status() == 404) {
          registered = false; // The server does not know this instance (any more): register again.
          held = null;
        }
        LOG.log(e.status() == 401 ? Level.ERROR : Level.WARNING, "agent " + describe() + ": " + e.getMessage()
            + (e.status() == 401 ? "; check --token is the cluster's join token" : ""));
      } catch (RuntimeException e) {
        failures++;
        lastError = Optional.of(String.valueOf(e.getMessage()));
        LOG.log(Level.WARNING, "agent " + describe() + " sync failed", e);
      }
      if (failures > 0) {
        pause(backoff(failures));
      } else if (!blocking) {
        pause(syncInterval);
      }
      // After a blocking sync the next one starts at once: the wait happens on the server.
    }
  }

  /**
   * The task thread: adopts this host's containers after a registration, applies the newest answer
   * of the control plane and removes stopped tasks whose cleanup wait is over. Docker and the data
   * dir are only touched here, never on the sync thread.
   */
  private void work() {
    while (running) {
      try {
        Optional<AssignmentMailbox.Work> work = mailbox.take(CHORES);
        try {
          if (work.isPresent() && work.get().adopt()) {
            try {
              adopt();
            } catch (RuntimeException e) {
              // No answer is applied before the adoption succeeds: it could launch a task found on Docker.
              mailbox.adoptionFailed();
              throw e;
            }
          }
          if (work.isPresent() && work.get().answer().isPresent() && running && apply(work.get().answer().get())) {
            wake(); // report what changed (launches, acknowledgements) now, not at the next sync
          }
        } finally {
          mailbox.done();
        }
        removeDueTasks();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        lastError = Optional.of(String.valueOf(e.getMessage()));
        LOG.log(Level.WARNING, "agent " + describe() + ": cannot act on the control plane's answer yet", e);
        try {
          Thread.sleep(Math.min(1000, backoff(1).toMillis())); // not pause(): a pending report must not cut it short
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private Duration backoff(int failures) {
    long millis = syncInterval.toMillis() << Math.min(failures, 6);
    return Duration.ofMillis(Math.min(millis, Math.max(MAX_BACKOFF.toMillis(), syncInterval.toMillis())));
  }

  private void register() {
    Optional<String> known = dataDir.instanceId();
    RegisterInstanceRequest request = new RegisterInstanceRequest(config.cluster(), known, config.hostname(),
        config.cpu().orElseGet(HostFacts::cpuUnits), config.memory().orElseGet(HostFacts::memoryMib),
        HostFacts.attributes(config.zone(), System.getProperty("os.arch"), config.attributes()),
        HostFacts.agentVersion());
    RegisterInstanceResponse response = client.register(request);
    if (known.isPresent() && !known.get().equals(response.instanceId())) {
      LOG.log(Level.WARNING, "control plane gave instance id " + response.instanceId() + " instead of "
          + known.get() + "; containers of the old id are left alone");
    }
    dataDir.saveInstanceId(response.instanceId());
    syncInterval = config.syncInterval().orElse(Duration.ofMillis(
        response.syncIntervalMillis() > 0 ? response.syncIntervalMillis() : 1000));
    instanceId = response.instanceId();
    LOG.log(Level.INFO, "agent registered as container instance " + instanceId + " in cluster " + config.cluster());
  }

  private void watchEvents() {
    if (events == null) {
      events = ContainerEvents.watch(runtime.client(), instanceId, taskId -> {
        TaskRun run = runs.get(taskId);
        if (run != null) {
          run.poke();
        }
      }, () -> runs.values().forEach(TaskRun::poke));
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Finds this instance's containers on Docker and resumes their tasks; nothing is started twice. */
  private void adopt() {
    Set<String> onDocker = runtime.containersOfInstance(instanceId).keySet();
    for (String taskId : dataDir.taskIds()) {
      if (!onDocker.contains(taskId) && !runs.containsKey(taskId)) {
        // Its containers vanished while no agent watched: the task ended; it must not start again.
        finished.add(taskId);
        acknowledged.put(taskId, new ObservedTask(taskId, io.berth.engine.api.TaskStatus.STOPPED,
            io.berth.engine.api.HealthStatus.UNKNOWN, List.of(),
            Optional.of("Task containers disappeared while the agent was not running"), Optional.empty(),
            Optional.of(clock.instant().toString())));
        dataDir.forgetTask(taskId);
      }
    }
    for (String taskId : onDocker) {
      if (runs.containsKey(taskId)) {
        continue;
      }
      Optional<AssignedTask> task = dataDir.task(taskId);
      if (task.isPresent()) {
        launch(task.get(), false);
        LOG.log(Level.INFO, "agent " + instanceId + " adopted task " + taskId);
      } else {
        orphans.add(taskId);
      }
    }
  }

  /**
   * One sync. With the index of the last answer it is a blocking sync: the control plane records
   * the report it carries on arrival, and answers when this agent's assignment changes (or after a
   * capped wait), so a stop or launch reaches the agent at once instead of at its next poll. A local
   * change while it waits abandons it for a new blocking sync with the new report, so reports are
   * never held back, and each change costs one exchange rather than a report and then a new wait
   * (a rollout's reports were two thirds of the control plane's requests). Returns whether the
   * control plane offers blocking syncs (then the caller syncs again at once instead of sleeping a
   * sync interval).
   */
  private boolean syncOnce() {
    OptionalLong known = held == null ? OptionalLong.empty() : OptionalLong.of(held.index());
    boolean block = known.isPresent();
    dirty = false;
    long started = System.nanoTime();
    // known: an answer that the assignment did not change is enough, the tasks are held here
    CompletableFuture<ControlPlaneClient.Synced> call = client.syncAsync(instanceId, new SyncRequest(tasks()),
        known, block ? SYNC_WAIT : Duration.ZERO, known);
    call.whenComplete((answer, failure) -> {
      synchronized (signal) {
        signal.notifyAll();
      }
    });
    if (block) {
      synchronized (signal) {
        while (!call.isDone() && !dirty && running) {
          try {
            signal.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
          }
        }
      }
      if (!call.isDone()) {
        // Something changed here (or the agent stops): report it now, not when the wait ends. The
        // abandoned exchange finishes on its own thread and its connection is kept: the control plane
        // ends its wait when the next sync of this instance arrives, and its answer is dropped.
        return true;
      }
    }
    ControlPlaneClient.Synced synced;
    try {
      synced = call.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    boolean unchanged = synced.index().isPresent() && synced.index().equals(known);
    SyncResponse answer = synced.response();
    if (answer.unchanged()) {
      if (!unchanged) {
        // not the assignment this agent holds: forget it and sync again at once for the tasks
        held = null;
        return true;
      }
      answer = held.answer();
    }
    held = synced.index().isPresent() ? new Held(synced.index().getAsLong(), answer) : null;
    mailbox.offer(answer);
    try {
      mailbox.awaitIdle(APPLY_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
    // A control plane that cut a blocking sync short with nothing new must not make this loop spin.
    boolean cutShort = block && unchanged && System.nanoTime() - started < MIN_BLOCKING_SYNC.toNanos();
    return held != null && !cutShort;
  }

  /** Acts on one answer (task thread); true if anything changed here that the next sync should report. */
  private boolean apply(SyncResponse response) {
    List<AssignedTask> assigned = response.tasks();
    Set<String> assignedIds = new HashSet<>();
    Set<String> toSample = new HashSet<>();
    for (AssignedTask task : assigned) {
      assignedIds.add(task.taskId());
      if (task.sampleUtilization()) {
        toSample.add(task.taskId());
      }
    }
    sampled = toSample;
    // Containers of tasks this agent has no definition for: adopt if still assigned, else remove.
    for (String orphan : orphans) {
      if (!assignedIds.contains(orphan)) {
        runtime.removeOrphan(instanceId, orphan);
      }
    }
    orphans.clear();
    acknowledged.keySet().retainAll(assignedIds);
    Map<String, TaskReconciler.LocalState> local = new TreeMap<>();
    runs.forEach((id, run) -> local.put(id, run.isStopped() ? TaskReconciler.LocalState.STOPPED
        : run.isStopRequested() ? TaskReconciler.LocalState.STOPPING : TaskReconciler.LocalState.ACTIVE));
    boolean changed = false;
    for (TaskAction action : TaskReconciler.reconcile(assigned, local, finished)) {
      changed |= apply(action);
    }
    return changed;
  }

  private boolean apply(TaskAction action) {
    if (action instanceof TaskAction.Launch launch) {
      dataDir.saveTask(launch.task());
      launch(launch.task());
    } else if (action instanceof TaskAction.Stop stop) {
      LOG.log(Level.INFO, "stopping task " + stop.taskId() + ": " + stop.reason());
      runs.get(stop.taskId()).stop(stop.reason());
    } else if (action instanceof TaskAction.Remove remove) {
      TaskRun run = runs.get(remove.taskId());
      Duration wait = config.taskCleanupWait();
      if (wait.isZero()) {
        run.remove();
      } else {
        // Forgotten now (a restarted agent treats the containers as orphans and removes them, never
        // adopting or restarting the task), removed later.
        cleanups.put(remove.taskId(), new PendingCleanup(run, clock.instant().plus(wait)));
      }
      runs.remove(remove.taskId());
      lastLogged.remove(remove.taskId());
      dataDir.forgetTask(remove.taskId());
      finished.add(remove.taskId());
    } else if (action instanceof TaskAction.Acknowledge ack) {
      return acknowledged.putIfAbsent(ack.taskId(), Reports.neverStarted(ack.taskId(), clock.instant())) == null;
    }
    return true;
  }

  /** A stopped task whose containers stay on Docker until {@code due}. */
  private record PendingCleanup(TaskRun run, java.time.Instant due) {}

  /** Removes the containers of stopped tasks whose cleanup wait is over; a failure is retried next sync. */
  private void removeDueTasks() {
    java.time.Instant now = clock.instant();
    for (var entry : cleanups.entrySet()) {
      if (now.isBefore(entry.getValue().due())) {
        continue;
      }
      try {
        entry.getValue().run().remove();
        cleanups.remove(entry.getKey());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "agent " + describe() + ": cannot remove stopped task " + entry.getKey() + " yet: "
            + e.getMessage());
      }
    }
  }

  /** Ids of stopped tasks whose containers are kept until their cleanup wait is over, sorted. */
  List<String> tasksAwaitingCleanup() {
    return new ArrayList<>(new TreeMap<>(cleanups).keySet());
  }

  private void launch(AssignedTask task) {
    launch(task, true);
  }

  /** Runs {@code task}: a fresh launch creates its containers at once, an adoption looks for them first. */
  private void launch(AssignedTask task, boolean fresh) {
    try {
      TaskSpec spec = new TaskSpec(instanceId, task.taskId(), task.cluster(), task.family(), task.revision(),
          task.taskDefinition(), config.extraLabels());
      runs.put(task.taskId(), fresh ? TaskRun.launch(runtime, spec, secrets(), settings, this::changed)
          : TaskRun.start(runtime, spec, secrets(), settings, this::changed));
    } catch (RuntimeException e) {
      // A definition this host cannot run (bad ids, dependency cycle): report it STOPPED with the reason.
      LOG.log(Level.WARNING, "cannot run task " + task.taskId() + ": " + e.getMessage());
      acknowledged.put(task.taskId(), new ObservedTask(task.taskId(), io.berth.engine.api.TaskStatus.STOPPED,
          io.berth.engine.api.HealthStatus.UNKNOWN, List.of(), Optional.of(String.valueOf(e.getMessage())),
          Optional.empty(), Optional.of(clock.instant().toString())));
      finished.add(task.taskId());
    }
  }

  private SecretSource secrets() {
    return (taskId, valueFrom) -> client.secret(valueFrom, taskId).value();
  }

  private void changed(TaskObservation observation) {
    // One line per lifecycle step, not per health or port change: the operator's view of the host.
    if (lastLogged.put(observation.taskId(), observation.lastStatus()) != observation.lastStatus()) {
      TaskRun run = runs.get(observation.taskId());
      String definition = run == null ? "" : " (" + run.spec().family() + ":" + run.spec().revision() + ")";
      LOG.log(Level.INFO, "task " + observation.taskId() + definition + " is " + observation.lastStatus()
          + observation.stoppedReason().filter(r -> observation.lastStatus() == LifecycleStatus.STOPPED)
              .map(r -> ": " + r).orElse(""));
    }
    wake();
  }

  private void wake() {
    synchronized (signal) {
      dirty = true;
      signal.notifyAll();
    }
  }

  private void pause(Duration interval) {
    synchronized (signal) {
      if (dirty || !running) {
        return;
      }
      try {
        signal.wait(Math.max(1, interval.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  private String describe() {
    return instanceId == null ? "(unregistered, zone " + config.zone() + ")" : instanceId;
  }

  /** Task ids this agent runs, for tests and diagnostics. */
  List<String> taskIds() {
    return new ArrayList<>(new TreeMap<>(runs).keySet());
  }

  /** An answer of the control plane and the index of the assignment it carries. */
  private record Held(long index, SyncResponse answer) {}
}
