package io.berth.engine.agent;

import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.api.SyncResponse;
import io.berth.engine.docker.ContainerEvents;
import io.berth.engine.docker.DockerRuntime;
import io.berth.engine.docker.SecretSource;
import io.berth.engine.docker.TaskObservation;
import io.berth.engine.docker.TaskRun;
import io.berth.engine.docker.TaskCgroups;
import io.berth.engine.docker.TaskSpec;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An agent's task thread: adopts this host's containers after a registration, applies the newest
 * answer of the control plane that the {@link SyncLoop} left in the {@link AssignmentMailbox}
 * (launching, stopping and removing tasks, one {@link TaskRun} each) and removes stopped tasks whose
 * cleanup wait is over. Docker and the data dir are only touched here, never on the sync thread.
 * Every change of a task wakes the sync loop, which reports it at once.
 */
final class TaskWorker implements Runnable {
  /** Logs as the agent: one name for the agent's lines in the operator's log. */
  private static final System.Logger LOG = System.getLogger(Agent.class.getName());
  /**
   * Polls are only a safety net: Docker events poke a task run on every exit, removal, health verdict
   * and pause, and every run is looked at again whenever the event stream (re)connects. Each poll is
   * a container inspect, which dockerd serves on the CPU the containers being started need.
   */
  private static final Duration STEADY_POLL = Duration.ofSeconds(15);
  /** How often the task thread looks for stopped tasks whose cleanup wait is over, with no answer to apply. */
  private static final Duration CHORES = Duration.ofMillis(500);

  private final AgentConfig config;
  private final DockerRuntime runtime;
  private final DataDir dataDir;
  private final TaskRun.Settings settings;
  private final Clock clock;
  private final AssignmentMailbox mailbox;
  private final SyncLoop sync;
  private final SecretSource secrets;
  private final Map<String, TaskRun> runs = new ConcurrentHashMap<>();
  private final Map<String, ObservedTask> acknowledged = new ConcurrentHashMap<>();
  private final Set<String> finished = ConcurrentHashMap.newKeySet();
  /** Stopped tasks whose containers are kept until their cleanup time (see AgentConfig.taskCleanupWait). */
  private final Map<String, PendingCleanup> cleanups = new ConcurrentHashMap<>();
  /** Containers of tasks this agent has no definition for (task thread only). */
  private final Set<String> orphans = new HashSet<>();
  private final Map<String, TaskStatus> lastLogged = new ConcurrentHashMap<>();
  private volatile ContainerEvents events;
  private final UtilizationSampler utilization;
  /** The tasks whose utilization the control plane reads, from its last answer (task thread writes). */
  private volatile Set<String> sampled = Set.of();
  /** The discovery DNS addresses new tasks' containers resolve with (empty: Docker's default). */
  private volatile List<String> resolvers = List.of();
  /** Counted down once the task thread has probed Docker for what the registration reports. */
  private final CountDownLatch probed = new CountDownLatch(1);

  /** A stopped task whose containers stay on Docker until {@code due}. */
  private record PendingCleanup(TaskRun run, Instant due) {}

  TaskWorker(AgentConfig config, DockerRuntime runtime, DataDir dataDir, Clock clock, AssignmentMailbox mailbox,
      SyncLoop sync, SecretSource secrets) {
    this.config = config;
    this.runtime = runtime;
    this.dataDir = dataDir;
    this.clock = clock;
    this.mailbox = mailbox;
    this.sync = sync;
    this.secrets = secrets;
    // Docker events poke tasks at once (see STEADY_POLL), so polls need not be frequent.
    this.settings = TaskRun.Settings.defaults().withPollInterval(config.pollInterval())
        .withSteadyPollInterval(max(config.pollInterval(), STEADY_POLL)).withClock(clock);
    this.utilization = new UtilizationSampler(runtime.client(), runs, taskId -> sampled.contains(taskId),
        sync::syncInterval, config.zone());
  }

  /** Starts sampling the utilization of the tasks the control plane reads it of. */
  void startSampling() {
    utilization.start();
  }

  /** What the agent would report now: every task it has, sorted by task id. */
  List<ObservedTask> tasks() {
    Map<String, ObservedTask> all = new TreeMap<>(acknowledged);
    runs.forEach((id, run) -> {
      ObservedTask report = Reports.task(run.observation(), run.restartCounts());
      all.put(id, utilization.latest(id).filter(s -> report.lastStatus() == TaskStatus.RUNNING)
          .map(s -> report.withUtilization(s.cpu(), s.memory())).orElse(report));
    });
    return List.copyOf(all.values());
  }

  /**
   * What this host can do that only Docker tells: whether it enforces task-level cpu and memory
   * ({@code ecs.capability.task-cpu-mem-limit}, or why not). Empty until the probe reached a verdict.
   */
  Map<String, String> probedAttributes() {
    return runtime.taskCgroups().probed().map(support -> support instanceof TaskCgroups.Support.Enforced enforced
        ? Map.of(ContainerInstance.TASK_LIMITS, "cgroup v" + enforced.version())
        : Map.of(ContainerInstance.TASK_LIMITS_UNSUPPORTED, ((TaskCgroups.Support.Unsupported) support).reason()))
        .orElse(Map.of());
  }

  /** Waits until the probe of Docker has run, at most {@code timeout}. */
  void awaitProbe(Duration timeout) throws InterruptedException {
    probed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    // Before any task: the sync thread registers what the probe finds (again, if it registered first).
    try {
      runtime.taskCgroups().support();
    } finally {
      probed.countDown();
    }
    sync.wake();
    while (sync.running()) {
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
          if (work.isPresent() && work.get().answer().isPresent() && sync.running() && apply(work.get().answer().get())) {
            sync.wake(); // report what changed (launches, acknowledgements) now, not at the next sync
          }
        } finally {
          mailbox.done();
        }
        removeDueTasks();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        sync.failed(String.valueOf(e.getMessage()));
        LOG.log(Level.WARNING, "agent " + sync.describe() + ": cannot act on the control plane's answer yet", e);
        try {
          Thread.sleep(Math.min(1000, sync.backoff(1).toMillis())); // not a pause: a pending report must not cut it short
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Watches this instance's containers on Docker and pokes their task runs on each event; once. */
  void watchEvents() {
    if (events == null) {
      events = ContainerEvents.watch(runtime.client(), sync.instanceId(), taskId -> {
        TaskRun run = runs.get(taskId);
        if (run != null) {
          run.poke();
        }
      }, () -> runs.values().forEach(TaskRun::poke));
    }
  }

  /** Stops sampling and watching Docker events; call once the task thread has ended. */
  void closeWatchers() {
    utilization.close();
    ContainerEvents watcher = events;
    if (watcher != null) {
      watcher.close();
    }
  }

  /** Ends every task run's thread and leaves the containers running, for the next agent to adopt. */
  void detachAll() {
    runs.values().forEach(TaskRun::detach);
  }

  /**
   * Stops every task (reverse dependency order, each container's stopTimeout), then removes their
   * containers, networks and task volumes; call once the task thread has ended.
   */
  void stopAndRemoveAll(Duration timeout) throws InterruptedException {
    // Monotonic time, not the agent's clock: this bounds how long berth down waits for Docker.
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

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Finds this instance's containers on Docker and resumes their tasks; nothing is started twice. */
  private void adopt() {
    String instanceId = sync.instanceId();
    Set<String> onDocker = runtime.containersOfInstance(instanceId).keySet();
    for (String taskId : dataDir.taskIds()) {
      if (!onDocker.contains(taskId) && !runs.containsKey(taskId)) {
        // Its containers vanished while no agent watched: the task ended; it must not start again.
        finished.add(taskId);
        acknowledged.put(taskId, stopped(taskId, "Task containers disappeared while the agent was not running"));
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

  /** What the agent reports for a task it cannot run (any more): STOPPED now, for {@code reason}. */
  private ObservedTask stopped(String taskId, String reason) {
    return new ObservedTask(taskId, TaskStatus.STOPPED, HealthStatus.UNKNOWN, List.of(), Optional.of(reason),
        Optional.empty(), Optional.of(clock.instant().toString()));
  }

  /** Acts on one answer; true if anything changed here that the next sync should report. */
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
        runtime.removeOrphan(sync.instanceId(), orphan);
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
      launch(launch.task(), true);
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

  /** Removes the containers of stopped tasks whose cleanup wait is over; a failure is retried next time. */
  private void removeDueTasks() {
    Instant now = clock.instant();
    for (var entry : cleanups.entrySet()) {
      if (now.isBefore(entry.getValue().due())) {
        continue;
      }
      try {
        entry.getValue().run().remove();
        cleanups.remove(entry.getKey());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "agent " + sync.describe() + ": cannot remove stopped task " + entry.getKey()
            + " yet: " + e.getMessage());
      }
    }
  }

  /** Ids of stopped tasks whose containers are kept until their cleanup wait is over, sorted. */
  List<String> tasksAwaitingCleanup() {
    return new ArrayList<>(new TreeMap<>(cleanups).keySet());
  }

  /** Containers of tasks launched from now on resolve with {@code addresses} (the agent's discovery DNS). */
  void useResolvers(List<String> addresses) {
    resolvers = List.copyOf(addresses);
  }

  /** Task ids this agent runs, sorted. */
  List<String> taskIds() {
    return new ArrayList<>(new TreeMap<>(runs).keySet());
  }

  /** Runs {@code task}: a fresh launch creates its containers at once, an adoption looks for them first. */
  private void launch(AssignedTask task, boolean fresh) {
    try {
      TaskSpec spec = new TaskSpec(sync.instanceId(), task.taskId(), task.cluster(), task.family(), task.revision(),
          task.taskDefinition(), config.extraLabels(), sync.advertisedAddress(), resolvers);
      runs.put(task.taskId(), fresh ? TaskRun.launch(runtime, spec, secrets, settings, this::changed)
          : TaskRun.start(runtime, spec, secrets, settings, this::changed));
    } catch (RuntimeException e) {
      // A definition this host cannot run (bad ids, dependency cycle): report it STOPPED with the reason.
      LOG.log(Level.WARNING, "cannot run task " + task.taskId() + ": " + e.getMessage());
      acknowledged.put(task.taskId(), stopped(task.taskId(), String.valueOf(e.getMessage())));
      finished.add(task.taskId());
    }
  }

  private void changed(TaskObservation observation) {
    // One line per lifecycle step, not per health or port change: the operator's view of the host.
    if (lastLogged.put(observation.taskId(), observation.lastStatus()) != observation.lastStatus()) {
      TaskRun run = runs.get(observation.taskId());
      String definition = run == null ? "" : " (" + run.spec().family() + ":" + run.spec().revision() + ")";
      LOG.log(Level.INFO, "task " + observation.taskId() + definition + " is " + observation.lastStatus()
          + observation.stoppedReason().filter(r -> observation.lastStatus() == TaskStatus.STOPPED)
              .map(r -> ": " + r).orElse(""));
    }
    sync.wake();
  }
}
