package io.berth.engine.scale;

import io.berth.engine.api.ApiException;
import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.api.SyncResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One simulated host: the agent's side of the agent protocol through the production
 * {@link ControlPlaneClient} (so whatever the client learns, such as TLS or per-agent credentials,
 * the harness speaks too), in the real agent's rhythm ({@code agent.SyncLoop}): register, then
 * blocking syncs carrying the index and {@code known}, a new sync at once after any local change
 * (abandoning the one waiting), a sync interval's pause after an answer cut short, backing off after
 * failures and registering again, keeping its id, after a 404. Unlike the agent it holds no thread:
 * each exchange runs on the client's sync pool and its answer is acted on in the completion, so a
 * thousand hosts fit in one JVM. Its tasks run on a {@link FakeRuntime}.
 */
final class SimulatedHost {
  /** As the agent asks ({@code agent.SyncLoop}): the control plane decides how long it holds a sync. */
  static final Duration SYNC_WAIT = Duration.ofMinutes(5);
  private static final Duration MIN_BLOCKING_SYNC = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final ControlPlaneClient client;
  private final RegisterInstanceRequest registration;
  private final ScheduledExecutorService executor;
  private final SyncStats stats;
  private final FakeRuntime runtime;
  /** What its blocking syncs ask to wait. */
  private final Duration syncWait;
  private volatile String instanceId;
  private volatile Duration syncInterval = Duration.ofSeconds(1);
  // guarded by this
  private long generation;
  private boolean inFlight;
  private boolean inFlightBlocking;
  private boolean stopped;
  /** A sync for a local change is queued on the executor: changes until it runs go in the same report. */
  private boolean sendQueued;
  private int failures;
  private OptionalLong heldIndex = OptionalLong.empty();
  private List<AssignedTask> held = List.of();

  SimulatedHost(ControlPlaneClient client, String cluster, String hostname, String zone, String address, int cpu,
      int memory, FakeRuntime.Timings timings, ScheduledExecutorService executor, SyncStats stats, Duration syncWait) {
    this.client = client;
    this.syncWait = syncWait;
    this.executor = executor;
    this.stats = stats;
    this.registration = new RegisterInstanceRequest(cluster, Optional.empty(), hostname, cpu, memory,
        Map.of("ecs.availability-zone", zone, "ecs.os-type", "linux", "ecs.cpu-architecture", "x86_64",
            "ecs.instance-type", "berth.simulated"), "scale-harness", address);
    this.runtime = new FakeRuntime(timings,
        (delay, action) -> executor.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS), address, this::changed);
  }

  /** Registers and starts syncing; returns at once. */
  void start() {
    executor.execute(this::register);
  }

  /** The host's runtime. */
  FakeRuntime runtime() {
    return runtime;
  }

  /** The container instance id, once registered; null before. */
  String instanceId() {
    return instanceId;
  }

  /** Stops syncing and forgets its tasks at once, as a host that lost power. */
  void kill() {
    synchronized (this) {
      stopped = true;
      generation++;
    }
    runtime.close();
  }

  private void register() {
    RegisterInstanceRequest request;
    synchronized (this) {
      if (stopped) {
        return;
      }
      request = instanceId == null ? registration : new RegisterInstanceRequest(registration.cluster(),
          Optional.of(instanceId), registration.hostname(), registration.cpu(), registration.memory(),
          registration.attributes(), registration.agentVersion(), registration.address());
    }
    try {
      var response = client.register(request);
      syncInterval = Duration.ofMillis(response.syncIntervalMillis() > 0 ? response.syncIntervalMillis() : 1000);
      synchronized (this) {
        instanceId = response.instanceId();
        heldIndex = OptionalLong.empty();
        failures = 0;
      }
      stats.registered();
      send();
    } catch (RuntimeException e) {
      stats.failed(e);
      retry(this::register);
    }
  }

  /**
   * A task changed here: report it now, abandoning a blocking sync that waits (as the agent's wake).
   * Changes that happen together (the runtime's transitions due at the same moment) go in one sync,
   * as the agent's sync loop reports every change that woke it while it was busy in its next sync.
   */
  private void changed() {
    synchronized (this) {
      if (stopped || !inFlight || !inFlightBlocking || sendQueued) {
        return; // the answer of the sync in flight is followed by a new sync with the new report anyway
      }
      sendQueued = true;
    }
    executor.execute(() -> {
      synchronized (this) {
        sendQueued = false;
        if (!inFlight || !inFlightBlocking) {
          return;
        }
      }
      send();
    });
  }

  private void send() {
    long mine;
    OptionalLong known;
    synchronized (this) {
      if (stopped || instanceId == null) {
        return;
      }
      mine = ++generation;
      known = heldIndex;
      inFlight = true;
      inFlightBlocking = known.isPresent();
    }
    boolean block = known.isPresent();
    long started = System.nanoTime();
    client.syncAsync(instanceId, new SyncRequest(runtime.report()), known, block ? syncWait : Duration.ZERO, known)
        .whenComplete((synced, failure) -> answered(mine, block, known, started, synced, failure));
  }

  private void answered(long mine, boolean block, OptionalLong known, long started, ControlPlaneClient.Synced synced,
      Throwable failure) {
    long nanos = System.nanoTime() - started;
    List<AssignedTask> tasks;
    boolean unchanged;
    synchronized (this) {
      if (mine != generation || stopped) {
        stats.abandoned();
        return; // abandoned for a newer sync: its answer is dropped
      }
      inFlight = false;
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
            : failure;
        stats.failed(cause);
        failures++;
        if (cause instanceof ApiException api && api.status() == 404) {
          heldIndex = OptionalLong.empty();
          retry(this::register);
        } else {
          retry(this::send);
        }
        return;
      }
      failures = 0;
      unchanged = synced.index().isPresent() && synced.index().equals(known);
      stats.synced(nanos, block, !unchanged);
      SyncResponse answer = synced.response();
      if (answer.unchanged() && !unchanged) {
        heldIndex = OptionalLong.empty(); // not the assignment held: ask again for the tasks
        executor.execute(this::send);
        return;
      }
      tasks = answer.unchanged() ? held : answer.tasks();
      held = tasks;
      heldIndex = synced.index();
    }
    runtime.apply(tasks);
    boolean cutShort = block && unchanged && nanos < MIN_BLOCKING_SYNC.toNanos();
    if (cutShort || heldIndex.isEmpty()) {
      executor.schedule(this::send, syncInterval.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      send();
    }
  }

  private void retry(Runnable action) {
    long millis;
    synchronized (this) {
      millis = Math.min(syncInterval.toMillis() << Math.min(Math.max(failures, 1), 6),
          Math.max(MAX_BACKOFF.toMillis(), syncInterval.toMillis()));
    }
    executor.schedule(action, millis, TimeUnit.MILLISECONDS);
  }
}
