package io.berth.engine.agent;

import io.berth.engine.api.ApiException;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.RegisterInstanceResponse;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.api.SyncResponse;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * An agent's sync thread: registers this host as a container instance, then syncs with the control
 * plane at once after any local change ({@link #wake}) and otherwise with blocking syncs that the
 * control plane answers as soon as this host's assignment changes (every sync interval against a
 * control plane without them). Each answer goes to the {@link AssignmentMailbox}, which the
 * {@link TaskWorker} takes it from: this thread never touches Docker, so a busy Docker engine never
 * keeps the control plane from hearing of this host (it would take the host for lost and replace its
 * tasks).
 */
final class SyncLoop implements Runnable {
  /** Logs as the agent: one name for the agent's lines in the operator's log. */
  private static final System.Logger LOG = System.getLogger(Agent.class.getName());
  private static final Duration MAX_BACKOFF = AgentConfig.MAX_SYNC_BACKOFF;
  /**
   * How long a blocking sync may wait for this agent's assignment to change: the control plane holds
   * it for less, 5 s in a small cluster and longer in a large one (hosts / 50 s), so that the
   * cluster's syncs at rest stay under about 50 a second.
   */
  static final Duration SYNC_WAIT = Duration.ofMinutes(5);
  /** A blocking sync answered faster than this without a change counts as cut short. */
  private static final Duration MIN_BLOCKING_SYNC = Duration.ofMillis(50);
  /** Longest the sync thread waits for the task thread to act on an answer before it syncs again. */
  private static final Duration APPLY_WAIT = Duration.ofSeconds(1);
  /** Longest the first registration waits for the task thread's probe of Docker. */
  private static final Duration FIRST_PROBE_WAIT = Duration.ofSeconds(1);

  private final AgentConfig config;
  private final ControlPlaneClient client;
  private final DataDir dataDir;
  private final AssignmentMailbox mailbox;
  /** What this host reports: every task it has, sorted by task id. */
  private final Supplier<List<ObservedTask>> report;
  /** Runs on this thread after the first registration, before any answer is applied. */
  private final Runnable registered;
  /** Attributes the task thread found out about this host (it probes Docker); registered again when they change. */
  private final HostProbe probe;
  /** The probed attributes of the last registration (this thread only). */
  private Map<String, String> registeredWith = Map.of();
  private final Object signal = new Object();
  private volatile boolean dirty;
  private volatile boolean running;
  private volatile String instanceId;
  /** Where this host's task ports are published: the configured address, else found at registration. */
  private volatile String advertised;
  private volatile Duration syncInterval = Duration.ofSeconds(1);
  private volatile Optional<String> lastError = Optional.empty();
  /**
   * The last answer and the index of its assignment (this thread only): what the next sync waits on
   * and says it holds. Null before the first answer, after a re-registration, or from a control plane
   * that gives no index.
   */
  private Held held;

  SyncLoop(AgentConfig config, ControlPlaneClient client, DataDir dataDir, AssignmentMailbox mailbox,
      Supplier<List<ObservedTask>> report, Runnable registered) {
    this(config, client, dataDir, mailbox, report, registered, HostProbe.NONE);
  }

  SyncLoop(AgentConfig config, ControlPlaneClient client, DataDir dataDir, AssignmentMailbox mailbox,
      Supplier<List<ObservedTask>> report, Runnable registered, HostProbe probe) {
    this.probe = probe;
    this.config = config;
    this.client = client;
    this.dataDir = dataDir;
    this.mailbox = mailbox;
    this.report = report;
    this.registered = registered;
  }

  /** Lets {@link #run} and the task thread run until {@link #stop}; call before starting either thread. */
  void begin() {
    running = true;
  }

  /** Ends {@link #run} (and the task thread, which asks {@link #running}) after what it does now. */
  void stop() {
    running = false;
    wake();
  }

  /** Whether the agent still runs: false once stopped or once this thread was interrupted. */
  boolean running() {
    return running;
  }

  /** The container instance id, once registered; null before. */
  String instanceId() {
    return instanceId;
  }

  /** The address this host advertises (tasks' ports are published on it), once registered; null before. */
  String advertisedAddress() {
    return advertised;
  }

  /** The sync interval the control plane asked for (or the configured one). */
  Duration syncInterval() {
    return syncInterval;
  }

  /** The last sync, registration or task thread failure, cleared by the next successful sync. */
  Optional<String> lastError() {
    return lastError;
  }

  /** Records a failure of the task thread, for {@link #lastError}. */
  void failed(String message) {
    lastError = Optional.of(message);
  }

  /** The agent for log lines: its instance id, or its zone before it has one. */
  String describe() {
    return instanceId == null ? "(unregistered, zone " + config.zone() + ")" : instanceId;
  }

  @Override
  public void run() {
    int failures = 0;
    boolean isRegistered = false;
    boolean blocking = false;
    while (running) {
      try {
        if (!isRegistered) {
          register();
          registered.run();
          // Before the task thread applies any answer, as before the first sync: nothing starts twice.
          mailbox.requestAdoption();
          isRegistered = true;
        } else if (!probe.attributes().equals(registeredWith)) {
          register(); // what the instance can do changed: the scheduler places by it
        }
        blocking = syncOnce();
        failures = 0;
        lastError = Optional.empty();
      } catch (ApiException e) {
        failures++;
        lastError = Optional.of(e.getMessage());
        if (e.status() == 404) {
          isRegistered = false; // The server does not know this instance (any more): register again.
          held = null;
        }
        LOG.log(e.status() == 401 ? Level.ERROR : Level.WARNING, "agent " + describe() + ": " + e.getMessage()
            + (e.status() != 401 ? "" : dataDir.instanceToken().isPresent() ? "; the control plane refuses this"
                + " instance's credential (revoked, or a control plane with a new data dir): to join as a new instance,"
                + " remove " + dataDir.instanceTokenFile() + " and start the agent again"
                : "; check --token-file holds the cluster's current join token"));
      } catch (RuntimeException e) {
        failures++;
        lastError = Optional.of(String.valueOf(e.getMessage()));
        LOG.log(Level.WARNING, "agent " + describe() + " sync failed", e);
      }
      if (failures > 0) {
        backOff(backoff(failures));
      } else if (!blocking) {
        pause(syncInterval);
      }
      // After a blocking sync the next one starts at once: the wait happens on the server.
    }
  }

  /** How long to wait after {@code failures} failures in a row: doubling from the sync interval, capped. */
  Duration backoff(int failures) {
    long millis = syncInterval.toMillis() << Math.min(failures, 6);
    return Duration.ofMillis(Math.min(millis, Math.max(MAX_BACKOFF.toMillis(), syncInterval.toMillis())));
  }

  private void register() {
    Optional<String> known = dataDir.instanceId();
    if (instanceId == null) {
      try {
        probe.await(FIRST_PROBE_WAIT); // registered once with what the probe finds, as a rule
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Map<String, String> facts = probe.attributes();
    Map<String, String> extra = new TreeMap<>(facts);
    extra.putAll(config.attributes());
    String address = config.advertise().orElseGet(() -> HostFacts.localAddressTowards(config.server()));
    RegisterInstanceRequest request = new RegisterInstanceRequest(config.cluster(), known, config.hostname(),
        config.cpu().orElseGet(HostFacts::cpuUnits), config.memory().orElseGet(HostFacts::memoryMib),
        HostFacts.attributes(config.zone(), System.getProperty("os.arch"), HostFacts.machineId(), extra),
        HostFacts.agentVersion(), address);
    RegisterInstanceResponse response = client.register(request);
    if (known.isPresent() && !known.get().equals(response.instanceId())) {
      LOG.log(Level.WARNING, "control plane gave instance id " + response.instanceId() + " instead of "
          + known.get() + "; containers of the old id are left alone");
    }
    response.instanceToken().ifPresent(dataDir::saveInstanceToken);
    dataDir.saveInstanceId(response.instanceId());
    syncInterval = config.syncInterval().orElse(Duration.ofMillis(
        response.syncIntervalMillis() > 0 ? response.syncIntervalMillis() : 1000));
    advertised = address;
    instanceId = response.instanceId();
    registeredWith = facts;
    LOG.log(Level.INFO, "agent registered as container instance " + instanceId + " in cluster " + config.cluster()
        + ", advertising " + address);
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
    // Monotonic time, not the agent's clock: this measures how long one HTTP exchange took.
    long started = System.nanoTime();
    // known: an answer that the assignment did not change is enough, the tasks are held here
    CompletableFuture<ControlPlaneClient.Synced> call = client.syncAsync(instanceId, new SyncRequest(report.get()),
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
    } catch (CompletionException e) {
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

  /** Makes the next sync start now: something changed here that the control plane should hear of. */
  void wake() {
    synchronized (signal) {
      dirty = true;
      signal.notifyAll();
    }
  }

  /**
   * Waits out a back-off after a failed exchange. Unlike {@link #pause}, a pending report does not cut
   * it short: the report is what failed to get through, and retrying it at once spins (an agent that
   * cannot register while its tasks change would try hundreds of times a second).
   */
  private void backOff(Duration interval) {
    long until = System.nanoTime() + interval.toNanos();
    synchronized (signal) {
      try {
        for (long left = interval.toMillis(); running && left > 0; left = (until - System.nanoTime()) / 1_000_000) {
          signal.wait(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
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

  /** An answer of the control plane and the index of the assignment it carries. */
  private record Held(long index, SyncResponse answer) {}
}
