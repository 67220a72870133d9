package io.berth.engine.agent;

import com.github.dockerjava.api.DockerClient;
import io.berth.engine.api.ClientTls;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.JoinToken;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.docker.DockerRuntime;
import io.berth.engine.docker.SecretSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Berth host agent: registers this host as a container instance, then syncs with the control
 * plane at once after any local change and otherwise with blocking syncs that the control plane
 * answers as soon as this host's assignment changes (every {@code syncIntervalMillis} against a
 * control plane without them), starting and stopping tasks to match the full desired set the
 * server answers with. Syncing runs on one thread ({@link SyncLoop}) and never touches Docker;
 * adopting, launching, stopping and removing tasks run on a second thread ({@link TaskWorker}),
 * which takes the newest answer from an {@link AssignmentMailbox}, so a busy Docker engine never
 * keeps the control plane from hearing of this host (it would take the host for lost and replace
 * its tasks). Several agents can share one JVM and one Docker engine, each touching only
 * containers with its own {@code berth.instance} label. Time (task timestamps, cleanup waits,
 * dependency start timeouts) comes from the clock it is given.
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
  private final AgentConfig config;
  /** Answers and adoption requests, from the sync thread to the task thread. */
  private final AssignmentMailbox mailbox = new AssignmentMailbox();
  private final SyncLoop sync;
  private final TaskWorker worker;
  private Thread loop;
  private Thread tasks;

  /** An agent using {@code docker}, which the caller keeps ownership of, on the system clock. */
  public Agent(AgentConfig config, DockerClient docker) {
    this(config, docker, Clock.systemUTC());
  }

  /** An agent using {@code docker}, which the caller keeps ownership of, reading time from {@code clock}. */
  public Agent(AgentConfig config, DockerClient docker, Clock clock) {
    this.config = config;
    DataDir dataDir = new DataDir(config.dataDir());
    // once registered, the instance's own credential: the join token only registers a new instance
    ControlPlaneClient client = new ControlPlaneClient(config.server(), dataDir.instanceToken().orElse(config.token()),
        ClientTls.forServer(config.server(), config.ca(), JoinToken.caFingerprint(config.token())));
    this.sync = new SyncLoop(config, client, dataDir, mailbox, this::tasks, this::watchEvents,
        new HostProbe() {
          @Override
          public Map<String, String> attributes() {
            return worker.probedAttributes();
          }

          @Override
          public void await(Duration timeout) throws InterruptedException {
            worker.awaitProbe(timeout);
          }
        });
    SecretSource secrets = (taskId, valueFrom) -> client.secret(valueFrom, taskId).value();
    this.worker = new TaskWorker(config, new DockerRuntime(docker), dataDir, clock, mailbox, sync, secrets);
  }

  /** Starts registering and syncing on the agent's thread; returns at once. */
  public synchronized void start() {
    if (loop != null) {
      throw new IllegalStateException("agent already started; create a new Agent to start again");
    }
    sync.begin();
    loop = new Thread(sync, "berth-agent-" + config.zone());
    loop.setDaemon(true);
    tasks = new Thread(worker, "berth-agent-tasks-" + config.zone());
    tasks.setDaemon(true);
    tasks.start();
    loop.start();
    worker.startSampling();
  }

  /** Waits until the control plane has given this agent its instance id. */
  public boolean awaitRegistered(Duration timeout) throws InterruptedException {
    // Monotonic time, not the agent's clock: this bounds how long the caller's thread waits.
    long deadline = System.nanoTime() + timeout.toNanos();
    while (sync.instanceId() == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return sync.instanceId() != null;
  }

  /** The container instance id, once registered. */
  public Optional<String> instanceId() {
    return Optional.ofNullable(sync.instanceId());
  }

  /** The address this agent advertises (where its tasks' ports are published), once registered. */
  public Optional<String> advertisedAddress() {
    return Optional.ofNullable(sync.advertisedAddress());
  }

  /**
   * Containers of tasks this agent launches from now on resolve with {@code addresses}, the agent's
   * discovery DNS ({@link AgentDns}), which forwards other names; call before {@link #start()}.
   */
  public void useResolvers(List<String> addresses) {
    worker.useResolvers(addresses);
  }

  /** The configuration. */
  public AgentConfig config() {
    return config;
  }

  /** The last sync or registration failure, cleared by the next success. */
  public Optional<String> lastError() {
    return sync.lastError();
  }

  /** What the agent would report now: every task it has, sorted by task id. */
  public List<ObservedTask> tasks() {
    return worker.tasks();
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
    worker.detachAll();
  }

  private void stopLoop() {
    Thread thread;
    Thread taskThread;
    synchronized (this) {
      thread = loop;
      taskThread = tasks;
    }
    sync.stop();
    mailbox.close();
    // The task thread last: once it has ended, nothing launches or removes a task behind the caller.
    for (Thread each : new Thread[] {thread, taskThread}) {
      if (each != null) {
        try {
          each.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    worker.closeWatchers();
  }

  /**
   * Stops the agent and every task it runs (reverse dependency order, each container's
   * stopTimeout), then removes their containers, networks and task volumes: for {@code berth down}.
   */
  public void stopAndRemoveTasks(Duration timeout) throws InterruptedException {
    stopLoop();
    worker.stopAndRemoveAll(timeout);
  }

  /** Runs on the sync thread once registered, before the first answer is applied. */
  private void watchEvents() {
    worker.watchEvents();
  }

  /** Task ids this agent runs, for tests and diagnostics. */
  List<String> taskIds() {
    return worker.taskIds();
  }

  /** Ids of stopped tasks whose containers are kept until their cleanup wait is over, sorted. */
  List<String> tasksAwaitingCleanup() {
    return worker.tasksAwaitingCleanup();
  }
}
