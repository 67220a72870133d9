package io.berth.engine.server;

import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.api.DiscoveryEntry;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.RegisterInstanceResponse;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.api.SyncResponse;
import io.berth.engine.clock.SteadyClock;
import io.berth.engine.server.BlockingSyncs.SyncAnswer;
import io.berth.engine.state.StateException;
import io.berth.engine.state.StateRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The control plane process: the imperative shell around the scheduler core ({@link SchedulerRun}). A ticker reads the
 * declared ref, folds in what the load balancers found ({@link LoadBalancers}: target health, drained
 * targets), reconciles, commits the runtime state and then gives the load balancers their new targets; the API server folds agent syncs into the same snapshot under one lock and holds
 * blocking syncs open until their assignment changes ({@link BlockingSyncs}). New tasks (and every
 * other decision) are committed to the runtime ref before any agent can see them, so a control plane
 * killed at any moment and started again knows every task an agent may be running; status alone
 * is batched, one commit per {@link ReconcileSettings#statusCommitInterval} at most.
 *
 * <pre>{@code
 * try (ControlPlane plane = ControlPlane.start(config, Clock.systemUTC())) {
 *   plane.awaitShutdown();
 * }
 * }</pre>
 */
public final class ControlPlane implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ControlPlane.class.getName());
  private final ControlPlaneConfig config;
  private final Clock clock;
  private final StateRepository repository;
  private final DeclaredSnapshotReader declaredReader;
  private final SnapshotStore store;
  private final ApiServer api;
  /** Who each bearer token names; instance credentials, join tokens, revocations. */
  private final ApiAccess access;
  private final Optional<DesiredApplier> applier;
  /** Present for a remote state: fetches it and publishes observations, off the reconciler's thread. */
  private final Optional<StateFollower> follower;
  private final ScheduledExecutorService ticker;
  /** Probed and updated by {@link #tick} only, outside {@code lock}. */
  private final LoadBalancers loadBalancers;
  private final CountDownLatch shutdown = new CountDownLatch(1);
  private final Object lock = new Object();
  /** Replaced under {@code lock}; volatile so that readers of the whole snapshot need not queue for the lock. */
  private volatile ControlPlaneSnapshot snapshot;
  private final Utilization utilization = new Utilization();
  private DeclaredSnapshot declared = DeclaredSnapshot.none();
  /** Guarded by {@code lock}. */
  private final BlockingSyncs syncs;
  /** Whether the ticker's next pass can be left out; guarded by {@code lock}. */
  private final QuietTicks quiet;
  /**
   * The ids of each instance's tasks in {@code snapshot}, sorted; guarded by {@code lock}. Only a tick
   * adds, removes or moves tasks, so it is computed once per tick and every sync in between uses it.
   */
  private Map<String, List<String>> tasksByInstance;
  private volatile String lastError = "";
  private final AtomicBoolean closed = new AtomicBoolean();

  private ControlPlane(ControlPlaneConfig config, Clock clock, StateRepository repository,
      Optional<DesiredApplier> applier) throws IOException {
    this.config = config;
    this.applier = applier;
    this.clock = clock;
    this.repository = repository;
    this.declaredReader = new DeclaredSnapshotReader(repository);
    this.follower = repository.isRemote() ? Optional.of(new StateFollower(repository, this::reconcileSoon))
        : Optional.empty();
    this.store = new SnapshotStore(repository.runtime());
    ControlPlaneSnapshot resumed = store.read();
    SteadyClock.holdNotBefore(clock, ResumedTime.newest(resumed)); // never before what it recorded (ResumedTime)
    Instant now = clock.instant();
    this.syncs = new BlockingSyncs(config.reconcile().lostAfter(), now);
    this.quiet = new QuietTicks(config.reconcile());
    this.loadBalancers = new LoadBalancers(config.lbListen(), clock);
    // Agents get a full lost-after period to sync with a restarted control plane.
    Map<String, InstanceRecord> instances = new HashMap<>();
    resumed.instances().forEach((id, i) -> instances.put(id, i.status() == InstanceRecord.InstanceStatus.LOST ? i : i.synced(now)));
    this.snapshot = new ControlPlaneSnapshot(instances, resumed.tasks(), resumed.runtimes(), resumed.events(), resumed.nextEventSeq(),
        resumed.autoscaling());
    syncs.resumed((int) instances.values().stream().filter(i -> i.status() != InstanceRecord.InstanceStatus.LOST).count(), now);
    this.access = ApiAccess.of(config, clock);
    this.tasksByInstance = AgentProtocol.tasksByInstance(snapshot);
    this.api = new ApiServer(this, config.listen(), config.security().tls());
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "berth-reconciler");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Opens the state (fetching a remote one into its cache), resumes the runtime state and starts
   * serving; {@code POST /v1/apply} is a 404.
   */
  public static ControlPlane start(ControlPlaneConfig config, Clock clock) {
    return start(config, clock, Optional.empty());
  }

  /** As {@link #start(ControlPlaneConfig, Clock)}, also serving {@code POST /v1/apply} with {@code applier}. */
  public static ControlPlane start(ControlPlaneConfig config, Clock clock, DesiredApplier applier) {
    return start(config, clock, Optional.of(applier));
  }

  private static ControlPlane start(ControlPlaneConfig config, Clock clock, Optional<DesiredApplier> applier) {
    StateRepository repository;
    try {
      repository = StateRepository.open(config.state(), clock);
    } catch (StateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    try {
      if (repository.claimRuntime()) {
        LOG.log(Level.WARNING, "took over " + StateRepository.RUNTIME + ".lock, left by a control plane that stopped in"
            + " the middle of a commit");
      }
    } catch (StateException e) {
      repository.close();
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    try {
      ControlPlane plane = new ControlPlane(config, clock, repository, applier);
      plane.api.start();
      long tick = config.tickInterval().toMillis();
      plane.ticker.scheduleWithFixedDelay(() -> plane.tickSafely(true), tick, tick, TimeUnit.MILLISECONDS);
      plane.follower.ifPresent(f -> f.start(config.poll()));
      return plane;
    } catch (IOException e) {
      repository.close();
      throw new UncheckedIOException("cannot start the control plane on " + config.listen() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      repository.close(); // and with it the control plane's lock, so that a later start can take it
      throw e;
    }
  }

  /** The API's base URI, e.g. {@code http://127.0.0.1:7070} ({@code https://} with TLS). */
  public URI uri() {
    InetSocketAddress address = api.address();
    return URI.create((config.security().tls().isPresent() ? "https://" : "http://") + address.getHostString() + ":"
        + address.getPort());
  }

  /** Blocks until {@code POST /v1/shutdown} or {@link #close}. */
  public void awaitShutdown() throws InterruptedException {
    shutdown.await();
  }

  void requestShutdown() {
    shutdown.countDown();
  }

  /** The current snapshot (read-only; immutable, so it is read without the lock). */
  public ControlPlaneSnapshot snapshot() {
    return snapshot;
  }

  /** Runs one reconcile pass now; tests call it, the ticker calls {@link #tick(boolean)}. */
  public void tick() {
    tick(false);
  }

  /**
   * One reconcile pass, or (with {@code mayRest}) nothing but the liveness bookkeeping when the cluster
   * is at rest ({@link QuietTicks}); true when the pass ran.
   */
  boolean tick(boolean mayRest) {
    DeclaredSnapshot current = declaredReader.read();
    synchronized (lock) {
      declared = current;
      Instant now = clock.instant();
      // What the load balancers found since the last tick: target health, drained targets, events.
      ControlPlaneSnapshot probed = loadBalancers.fold(syncs.heardFrom(snapshot, now), now);
      syncs.hosts((int) probed.instances().values().stream()
          .filter(i -> i.status() != InstanceRecord.InstanceStatus.LOST).count());
      if (mayRest && quiet.mayRest(probed, current, now)) {
        snapshot = probed; // only the instances' last sync times moved
        return false;
      }
      quiet.failed(); // until this pass completes
      ControlPlaneSnapshot next = SchedulerRun.reconcile(probed, current, now, config.reconcile(),
          utilization.metrics(probed, loadBalancers.requestsPerTarget()));
      ControlPlaneSnapshot before = snapshot;
      // Recorded before the new snapshot is visible to syncs: no agent ever runs an unrecorded task.
      // Decisions (placements, stops, deployments...) are committed in this tick; status-only changes
      // wait for the next batch, at most statusCommitInterval (CommitUrgency says which is which).
      SnapshotStore.Outcome written = store.write(next, ServiceViews.observed(next, current),
          () -> SnapshotStore.summary(before, next), now, config.reconcile().statusCommitInterval());
      snapshot = next;
      tasksByInstance = AgentProtocol.tasksByInstance(next);
      // Blocking syncs whose instance's assignment changed answer now.
      syncs.ticked(waiting -> AgentProtocol.assignedTo(next, waiting, current));
      quiet.passed(probed, next, current, now, written == SnapshotStore.Outcome.DEFERRED);
    }
    loadBalancers.update(current, snapshot());
    return true;
  }

  /**
   * Runs {@code request} with the applier {@code berth up} gave, on the configured state repository,
   * then reconciles at once rather than at the next tick, so that the new declared commit is read
   * without waiting; empty when this control plane serves no applies.
   */
  Optional<ApplyResponse> apply(ApplyRequest request, ApiCaller by) {
    if (applier.isEmpty()) {
      return Optional.empty();
    }
    ApplyResponse response = applier.get().apply(by instanceof ApiCaller.Admin admin ? admin.attributed(request)
        : request, config.state());
    synchronized (lock) {
      ControlPlaneSnapshot.Builder next = snapshot.toBuilder();
      next.event(clock.instant(), "An apply of " + request.desired() + " through the API by " + by.name()
          + (response.exitCode() == 0 ? " succeeded." : " failed (exit code " + response.exitCode() + ")."));
      snapshot = next.build();
    }
    if (response.exitCode() == 0) {
      reconcileSoon();
    }
    return Optional.of(response);
  }

  /** What answers a webhook that says the remote state moved. */
  enum Hook {
    /** Signed right: a fetch follows at once. */
    FETCHING,
    /** Not signed with the secret. */
    REFUSED,
    /** No secret configured, or the state is local: nothing to follow. */
    NOT_SERVED
  }

  /**
   * {@code POST /v1/hooks/state}: checks the body's signature ({@link WebhookSignature}) and, when
   * it holds, fetches the remote state at once instead of at the next poll.
   */
  Hook webhook(java.io.InputStream body, Optional<String> github, Optional<String> gitlab) throws IOException {
    if (follower.isEmpty() || config.webhookSecret().isEmpty()) {
      return Hook.NOT_SERVED;
    }
    if (!WebhookSignature.valid(config.webhookSecret().get(), body, github, gitlab)) {
      return Hook.REFUSED;
    }
    follower.get().fetchSoon();
    return Hook.FETCHING;
  }

  /** One extra reconcile pass on the ticker's thread, after whatever it runs now (never two at once). */
  void reconcileSoon() {
    try {
      ticker.execute(() -> tickSafely(false));
    } catch (RejectedExecutionException e) {
      // Stopping (berth down): no more passes, and none needed.
    }
  }

  private void tickSafely(boolean mayRest) {
    try {
      tick(mayRest);
      lastError = "";
    } catch (RuntimeException e) {
      // the state's failures are Berth's sentences; anything else is a bug, named by its class
      String error = e instanceof StateException ? e.getMessage() : e.toString();
      if (!error.equals(lastError)) {
        LOG.log(Level.ERROR, "reconcile failed: " + error);
        lastError = error;
      }
    }
  }

  RegisterInstanceResponse register(RegisterInstanceRequest request) {
    return register(request, "", new ApiCaller.Joining());
  }

  /**
   * Registers an instance; one that advertises no address gets {@code connectionAddress}. An agent
   * holding an instance's credential registers that instance again; a join token registers a new
   * one: the id it asks for is kept only when no instance has it and it was never revoked, so a join
   * token never takes over a registered instance.
   */
  RegisterInstanceResponse register(RegisterInstanceRequest request, String connectionAddress, ApiCaller caller) {
    synchronized (lock) {
      RegisterInstanceRequest granted = request;
      if (caller instanceof ApiCaller.Instance instance) {
        granted = request.withInstanceId(Optional.of(instance.instanceId()));
      } else if (request.instanceId().filter(id -> snapshot.instances().containsKey(id) || access.revoked(id)).isPresent()) {
        LOG.log(Level.WARNING, "a join token asked to register as " + request.instanceId().get() + ", which is "
            + (access.revoked(request.instanceId().get()) ? "revoked" : "registered") + "; registering a new instance");
        granted = request.withInstanceId(Optional.empty());
      }
      var result = AgentProtocol.register(snapshot, granted, "i-" + newId().substring(0, 17), connectionAddress,
          clock.instant());
      snapshot = result.snapshot();
      return new RegisterInstanceResponse(result.answer(), config.syncInterval().toMillis(),
          Optional.of(access.credential(result.answer())));
    }
  }

  /**
   * Revokes {@code instanceId}'s credential for good and marks the instance LOST, so the scheduler
   * replaces its tasks elsewhere as for a lost instance. False for an unknown instance.
   */
  boolean revoke(String instanceId, ApiCaller by) {
    synchronized (lock) {
      InstanceRecord instance = snapshot.instances().get(instanceId);
      if (instance == null) {
        return false;
      }
      access.revoke(instanceId);
      ControlPlaneSnapshot.Builder next = snapshot.toBuilder();
      next.instances.put(instanceId, instance.withStatus(InstanceRecord.InstanceStatus.LOST));
      next.event(clock.instant(), "(instance " + instanceId + ") was revoked by " + by.name()
          + "; its credential is refused and its tasks will be replaced.");
      snapshot = next.build();
      syncs.forget(instanceId);
    }
    reconcileSoon();
    return true;
  }

  /** A new join token; the previous one stays valid for the grace period. */
  JoinTokens.Rotation rotateJoinToken(ApiCaller by) {
    JoinTokens.Rotation rotation = access.rotateJoinToken();
    synchronized (lock) {
      ControlPlaneSnapshot.Builder next = snapshot.toBuilder();
      next.event(clock.instant(), "The join token was rotated by " + by.name()
          + "; the previous one is accepted until " + rotation.previousValidUntil() + ".");
      snapshot = next.build();
    }
    return rotation;
  }

  /** Who {@code token} names. */
  Optional<ApiCaller> caller(String token) {
    return access.caller(token);
  }

  Optional<SyncResponse> sync(String instanceId, SyncRequest request) {
    return sync(instanceId, request, Duration.ZERO, 0).map(SyncAnswer::response);
  }

  /**
   * Folds the agent's report in, then answers its assignment: at once if its index differs from
   * {@code knownIndex} (or {@code wait} is zero), else as soon as a tick changes it, a newer sync of
   * the same instance arrives or {@code wait} (capped) runs out. The report is recorded before any
   * waiting, and the lock is released while waiting.
   */
  Optional<SyncAnswer> sync(String instanceId, SyncRequest request, Duration wait, long knownIndex) {
    syncs.heard(instanceId, clock.instant());
    long arrival = syncs.arrived(instanceId);
    BlockingSyncs.Waiter waiter;
    synchronized (lock) {
      Optional<SyncAnswer> overtaken = syncs.overtaken(instanceId, arrival);
      if (overtaken.isPresent()) {
        return overtaken; // abandoned by its agent for a newer sync, which carries a newer report
      }
      var result = AgentProtocol.sync(snapshot, instanceId, request, declared, clock.instant(),
          tasksByInstance.getOrDefault(instanceId, List.of()));
      if (result.snapshot() == null) {
        syncs.forget(instanceId);
        return Optional.empty();
      }
      utilization.record(request.tasks());
      snapshot = result.snapshot();
      BlockingSyncs.Begun begun = syncs.begin(instanceId, result.answer().tasks(), wait, knownIndex);
      if (begun.waiter() == null) {
        return Optional.of(begun.answer());
      }
      waiter = begun.waiter();
    }
    // Outside the lock: ticks and other instances' syncs go on; a tick that changes this instance's
    // assignment, a newer sync of it or closing wakes it.
    waiter.await();
    synchronized (lock) {
      return Optional.of(syncs.finish(waiter));
    }
  }

  /** How many blocking syncs of {@code instanceId} wait for an answer now (for tests). */
  int blockingSyncs(String instanceId) {
    synchronized (lock) {
      return syncs.waiting(instanceId);
    }
  }

  /**
   * The secret {@code reference} for task {@code taskId}, asked by the agent of {@code instanceId}
   * ({@link SecretPolicy#answer}).
   */
  SecretPolicy.SecretAnswer secret(String reference, String taskId, String instanceId) {
    synchronized (lock) {
      return SecretPolicy.answer(snapshot, declared, config.secrets(), reference, taskId, instanceId);
    }
  }

  ClusterStatus status() {
    List<ServiceView> services;
    String commit;
    List<String> problems;
    synchronized (lock) {
      commit = declared.commit();
      problems = new ArrayList<>(declaredReader.problems());
      follower.ifPresent(f -> problems.addAll(f.problems()));
      services = ServiceViews.services(snapshot, declared, clock.instant(), config.reconcile().healthyAfter());
    }
    var listeners = loadBalancers.views();
    List<ServiceView> withListeners = services.stream().map(s -> s.withLoadBalancers(listeners.getOrDefault(
        ControlPlaneSnapshot.serviceKey(s.cluster(), s.serviceName()), List.of()))).toList();
    return new ClusterStatus(commit, problems, withListeners);
  }

  /** Every discovery name of the declared services with its healthy tasks now ({@link DiscoveryTable}). */
  public List<DiscoveryEntry> discovery() {
    synchronized (lock) {
      return DiscoveryTable.entries(snapshot, declared, clock.instant(), config.reconcile().healthyAfter());
    }
  }

  List<ServiceEventRecord> events(long since) {
    return snapshot().events().stream().filter(e -> e.seq() > since).collect(Collectors.toList());
  }

  private static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /**
   * Stops reconciling (the tick running now finishes first) but keeps serving: for a local cluster
   * shutting down, whose agents stop syncing while they stop their tasks. Without it the control
   * plane would take them for lost meanwhile and place replacements that nothing will run.
   */
  public void stopReconciling() {
    ticker.shutdown(); // no interrupt: a tick in the middle of a commit completes it
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops serving and reconciling (once; later calls do nothing); running tasks are left to their agents. */
  @Override
  public void close() {
    stop(true);
  }

  /**
   * Stops as a kill -9 would, committing nothing that waits, but releases the state repository and
   * with it the control plane's lock, which within one JVM only closing does: for tests of a
   * restart after a crash.
   */
  void halt() {
    stop(false);
  }

  private void stop(boolean commitPending) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (lock) {
      syncs.close(); // blocking syncs answer now
    }
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    api.stop();
    follower.ifPresent(StateFollower::close);
    if (commitPending) {
      synchronized (lock) {
        try {
          // A clean stop keeps the status still waiting for its batch (and the last syncs' reports).
          store.write(snapshot, ServiceViews.observed(snapshot, declared), () -> "runtime: status at shutdown",
              clock.instant(), Duration.ZERO);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "could not commit the last status changes at shutdown: " + e);
        }
      }
    }
    loadBalancers.close();
    repository.close();
    shutdown.countDown();
  }
}
