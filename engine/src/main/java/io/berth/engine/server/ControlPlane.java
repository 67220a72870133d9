package io.berth.engine.server;

import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.api.NetworkBinding;
import io.berth.engine.api.ObservedContainer;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.RegisterInstanceResponse;
import io.berth.engine.api.SecretValue;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.api.SyncResponse;
import io.berth.engine.api.TaskStatus;
import io.berth.model.LoadBalancer;
import io.berth.model.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import io.berth.engine.state.StateException;
import io.berth.engine.state.StateRepository;

/**
 * The control plane process: the imperative shell around the scheduler core ({@link SchedulerRun}). A ticker reads the
 * declared ref, reconciles, probes load balancer targets and commits the runtime state; the API
 * server folds agent syncs into the same snapshot under one lock. New tasks (and every other
 * decision) are committed to the runtime ref before any agent can see them, so a control plane
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
  private final ControlPlaneConfig config;
  private final Clock clock;
  private final StateRepository repository;
  private final DeclaredStateReader declaredReader;
  private final SnapshotStore store;
  private final ApiServer api;
  private final Optional<DesiredApplier> applier;
  private final ScheduledExecutorService ticker;
  private final Map<Integer, LoadBalancerProxy> proxies = new HashMap<>();
  private final CountDownLatch shutdown = new CountDownLatch(1);
  private final Object lock = new Object();
  private ClusterSnapshot snapshot;
  private final Utilization utilization = new Utilization();
  private DeclaredState declared = DeclaredState.none();
  private volatile String lastError = "";
  private long lastProbeMillis;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
  /** Longest a blocking sync waits for its instance's assignment to change (and at most lostAfter / 3). */
  static final Duration MAX_SYNC_WAIT = Duration.ofSeconds(5);
  /** Per instance: the assignment last answered and its index (guarded by {@code lock}). */
  private final Map<String, Assignment> assignments = new HashMap<>();
  /** Per instance: how many syncs arrived; a newer sync ends an older one's wait (guarded by {@code lock}). */
  private final Map<String, Long> syncGenerations = new HashMap<>();
  /**
   * Per instance: when its latest sync arrived, recorded before the sync waits for {@code lock}, so
   * that a slow tick (a commit on a busy disk) never makes a live agent look silent.
   */
  private final Map<String, Instant> heard = new java.util.concurrent.ConcurrentHashMap<>();
  /** Per instance: blocking syncs waiting for an answer now; the agent is there (guarded by {@code lock}). */
  private final Map<String, Integer> waiting = new HashMap<>();
  /**
   * The last assignment index handed out. Starts from the wall clock (microseconds) so that an agent
   * holding an index from an earlier control plane process never meets the same number for a
   * different assignment after a restart.
   */
  private long assignmentIndex = System.currentTimeMillis() * 1000;

  private record Assignment(List<io.berth.engine.api.AssignedTask> tasks, long index) {}

  /**
   * A sync's answer and the index of the assignment it carries (Nomad-style blocking queries: an
   * agent that sends the index back waits until its assignment differs from it).
   */
  record SyncAnswer(SyncResponse response, long index) {}

  /** Load balancer targets are probed once a second, not every tick. */
  private static final long PROBE_INTERVAL_MILLIS = 1000;

  private ControlPlane(ControlPlaneConfig config, Clock clock, StateRepository repository,
      Optional<DesiredApplier> applier) throws IOException {
    this.config = config;
    this.applier = applier;
    this.clock = clock;
    this.repository = repository;
    this.declaredReader = new DeclaredStateReader(repository);
    this.store = new SnapshotStore(repository.runtime());
    Instant now = clock.instant();
    // Agents get a full lost-after period to sync with a restarted control plane.
    ClusterSnapshot resumed = store.read();
    Map<String, InstanceRecord> instances = new HashMap<>();
    resumed.instances().forEach((id, i) -> instances.put(id, i.status() == InstanceRecord.InstanceStatus.LOST ? i : i.synced(now)));
    this.snapshot = new ClusterSnapshot(instances, resumed.tasks(), resumed.runtimes(), resumed.events(), resumed.nextEventSeq(),
        resumed.autoscaling());
    this.api = new ApiServer(this, config.listen(), config.joinToken(), config.adminToken());
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "berth-reconciler");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Opens the state repository, resumes the runtime state and starts serving; {@code POST /v1/apply} is a 404. */
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
      repository = StateRepository.open(config.stateRepository());
    } catch (StateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    try {
      ControlPlane plane = new ControlPlane(config, clock, repository, applier);
      plane.api.start();
      long tick = config.tickInterval().toMillis();
      plane.ticker.scheduleWithFixedDelay(plane::tickSafely, tick, tick, TimeUnit.MILLISECONDS);
      return plane;
    } catch (IOException e) {
      repository.close();
      throw new UncheckedIOException("cannot start the control plane on " + config.listen() + ": " + e.getMessage(), e);
    }
  }

  /** The API's base URI, e.g. {@code http://127.0.0.1:7070}. */
  public URI uri() {
    InetSocketAddress address = api.address();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  /** Blocks until {@code POST /v1/shutdown} or {@link #close}. */
  public void awaitShutdown() throws InterruptedException {
    shutdown.await();
  }

  void requestShutdown() {
    shutdown.countDown();
  }

  /** The current snapshot (read-only). */
  public ClusterSnapshot snapshot() {
    synchronized (lock) {
      return snapshot;
    }
  }

  /** Runs one reconcile pass now; the ticker calls it, tests may too. */
  public void tick() {
    DeclaredState current = declaredReader.read();
    Map<String, Boolean> targetHealth = Map.of();
    if (clock.millis() - lastProbeMillis >= PROBE_INTERVAL_MILLIS) {
      targetHealth = probeTargets(current, snapshot());
      lastProbeMillis = clock.millis();
    }
    synchronized (lock) {
      declared = current;
      Instant now = clock.instant();
      ClusterSnapshot probed = applyTargetHealth(heardFrom(snapshot, now), targetHealth);
      ClusterSnapshot next = SchedulerRun.reconcile(probed, current, now, config.reconcile(),
          utilization.averages(probed));
      ClusterSnapshot before = snapshot;
      // Recorded before the new snapshot is visible to syncs: no agent ever runs an unrecorded task.
      // Decisions (placements, stops, deployments...) are committed in this tick; status-only changes
      // wait for the next batch, at most statusCommitInterval (CommitUrgency says which is which).
      store.write(next, Views.observed(next, current), () -> summary(before, next), now,
          config.reconcile().statusCommitInterval());
      snapshot = next;
      // Blocking syncs look whether their instance's assignment changed.
      lock.notifyAll();
    }
    updateProxies(current, snapshot());
  }

  /**
   * {@code snapshot} with every instance's last sync moved to when the control plane last heard
   * from it: a sync that arrived but still waits for the lock, or a blocking sync it is holding
   * open (the agent waits on the other end), counts as of now. Liveness thus depends neither on how
   * long a tick holds the lock nor on how long blocking syncs wait.
   */
  private ClusterSnapshot heardFrom(ClusterSnapshot snapshot, Instant now) {
    Map<String, InstanceRecord> instances = null;
    for (InstanceRecord instance : snapshot.instances().values()) {
      Instant last = waiting.getOrDefault(instance.instanceId(), 0) > 0 ? now
          : heard.getOrDefault(instance.instanceId(), Instant.MIN);
      // At most once a second per instance: a new snapshot every tick would be work for nothing.
      if (last.isAfter(instance.lastSyncAt().plusSeconds(1))) {
        instances = instances == null ? new HashMap<>(snapshot.instances()) : instances;
        instances.put(instance.instanceId(), instance.withLastSyncAt(last));
      }
    }
    return instances == null ? snapshot : new ClusterSnapshot(instances, snapshot.tasks(), snapshot.runtimes(),
        snapshot.events(), snapshot.nextEventSeq(), snapshot.autoscaling());
  }

  /**
   * Runs {@code request} with the applier {@code berth up} gave, on the configured state repository,
   * then reconciles at once rather than at the next tick, so that the new declared commit is read
   * without waiting; empty when this control plane serves no applies.
   */
  Optional<ApplyResponse> apply(ApplyRequest request) {
    if (applier.isEmpty()) {
      return Optional.empty();
    }
    ApplyResponse response = applier.get().apply(request, config.stateRepository());
    if (response.exitCode() == 0) {
      reconcileSoon();
    }
    return Optional.of(response);
  }

  /** One extra reconcile pass on the ticker's thread, after whatever it runs now (never two at once). */
  void reconcileSoon() {
    try {
      ticker.execute(this::tickSafely);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Stopping (berth down): no more passes, and none needed.
    }
  }

  private void tickSafely() {
    try {
      tick();
      lastError = "";
    } catch (RuntimeException e) {
      if (!e.toString().equals(lastError)) {
        System.err.println("berth server: reconcile failed: " + e);
        lastError = e.toString();
      }
    }
  }

  RegisterInstanceResponse register(RegisterInstanceRequest request) {
    synchronized (lock) {
      var result = AgentProtocol.register(snapshot, request, "i-" + newId().substring(0, 17), clock.instant());
      snapshot = result.snapshot();
      return new RegisterInstanceResponse(result.answer(), config.syncInterval().toMillis());
    }
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
    heard.merge(instanceId, clock.instant(), (a, b) -> a.isAfter(b) ? a : b);
    synchronized (lock) {
      var result = AgentProtocol.sync(snapshot, instanceId, request, declared, clock.instant());
      if (result.snapshot() == null) {
        heard.remove(instanceId);
        return Optional.empty();
      }
      utilization.record(request.tasks());
      snapshot = result.snapshot();
      long generation = syncGenerations.merge(instanceId, 1L, Long::sum);
      lock.notifyAll(); // an older blocking sync of this instance (abandoned by its agent) ends now
      List<io.berth.engine.api.AssignedTask> tasks = result.answer().tasks();
      long index = indexOf(instanceId, tasks);
      // Real time, not the injected clock: this bounds an HTTP exchange, not a domain decision.
      long deadline = System.nanoTime() + capped(wait).toNanos();
      waiting.merge(instanceId, 1, Integer::sum);
      try {
        while (index == knownIndex && !closed.get() && syncGenerations.get(instanceId) == generation) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            break;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(lock, remaining);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
          tasks = AgentProtocol.assigned(snapshot, instanceId, declared);
          index = indexOf(instanceId, tasks);
        }
      } finally {
        waiting.merge(instanceId, -1, (a, b) -> a + b == 0 ? null : a + b);
      }
      return Optional.of(new SyncAnswer(new SyncResponse(tasks), index));
    }
  }

  /** How many blocking syncs of {@code instanceId} wait for an answer now (for tests). */
  int blockingSyncs(String instanceId) {
    synchronized (lock) {
      return waiting.getOrDefault(instanceId, 0);
    }
  }

  private Duration capped(Duration wait) {
    Duration cap = config.reconcile().lostAfter().dividedBy(3);
    cap = cap.compareTo(MAX_SYNC_WAIT) < 0 ? cap : MAX_SYNC_WAIT;
    return wait.isNegative() ? Duration.ZERO : wait.compareTo(cap) < 0 ? wait : cap;
  }

  /** The index of {@code tasks} as the instance's assignment: the same as last time if they are equal. */
  private long indexOf(String instanceId, List<io.berth.engine.api.AssignedTask> tasks) {
    Assignment last = assignments.get(instanceId);
    if (last != null && last.tasks().equals(tasks)) {
      return last.index();
    }
    long index = ++assignmentIndex;
    assignments.put(instanceId, new Assignment(List.copyOf(tasks), index));
    return index;
  }

  /** An answer to a secret request: the value, or a status with an error and its fix. */
  record SecretAnswer(Optional<SecretValue> value, int status, String error, String fix) {}

  SecretAnswer secret(String reference, String taskId) {
    String name = SecretPolicy.secretName(reference);
    ClusterSnapshot current;
    DeclaredState declaredNow;
    synchronized (lock) {
      current = snapshot;
      declaredNow = declared;
    }
    TaskRecord task = current.tasks().get(taskId);
    var deployment = task == null ? null : current.deploymentOf(task).orElse(null);
    if (deployment == null) {
      return new SecretAnswer(Optional.empty(), 404, "unknown task " + taskId, "ask for secrets only for tasks this control plane assigned");
    }
    Optional<String> roleArn = deployment.taskDefinition().executionRoleArn();
    var role = roleArn.map(SecretPolicy::roleName).map(declaredNow.roles()::get);
    if (!SecretPolicy.allows(role, name)) {
      return new SecretAnswer(Optional.empty(), 403, "task " + taskId + " (" + deployment.taskDefinitionArn()
          + ") may not read secret/" + name, "give its execution role " + roleArn.orElse("(none set)")
          + " an Allow statement for secrets:Read on secret/" + name);
    }
    String value = config.secrets().get(name);
    if (value == null) {
      return new SecretAnswer(Optional.empty(), 404, "secret " + name + " is not known to the control plane",
          "start the control plane with --secret " + name + "=VALUE or a --secrets-file line " + name + "=VALUE");
    }
    return new SecretAnswer(Optional.of(new SecretValue(name, value)), 200, "", "");
  }

  ClusterStatus status() {
    synchronized (lock) {
      return new ClusterStatus(declared.commit(), declaredReader.problems(), Views.services(snapshot, declared, clock.instant(), config.reconcile().healthyAfter()));
    }
  }

  List<ServiceEvent> events(long since) {
    return snapshot().events().stream().filter(e -> e.seq() > since).collect(Collectors.toList());
  }

  private static String summary(ClusterSnapshot before, ClusterSnapshot after) {
    long placed = after.tasks().keySet().stream().filter(id -> !before.tasks().containsKey(id)).count();
    long stopping = after.tasks().values().stream()
        .filter(t -> t.desiredStatus() == io.berth.engine.api.DesiredStatus.STOPPED)
        .filter(t -> Optional.ofNullable(before.tasks().get(t.taskId())).map(b -> b.desiredStatus() == io.berth.engine.api.DesiredStatus.RUNNING).orElse(false))
        .count();
    return "runtime: " + placed + " placed, " + stopping + " stopping, " + after.tasks().size() + " tasks known";
  }

  /** TCP-connects to every running task behind a load balancer; done outside the lock (I/O). */
  private static Map<String, Boolean> probeTargets(DeclaredState declared, ClusterSnapshot snapshot) {
    Map<String, Boolean> health = new HashMap<>();
    for (Service service : declared.services()) {
      for (LoadBalancer lb : service.loadBalancers()) {
        for (TaskRecord task : snapshot.tasks().values()) {
          if (task.serviceName().equals(service.serviceName()) && task.wanted() && task.lastStatus() == TaskStatus.RUNNING) {
            health.put(task.taskId(), target(task, lb).map(ControlPlane::answers).orElse(false));
          }
        }
      }
    }
    return health;
  }

  private static ClusterSnapshot applyTargetHealth(ClusterSnapshot snapshot, Map<String, Boolean> health) {
    if (health.isEmpty()) {
      return snapshot;
    }
    Map<String, TaskRecord> tasks = new HashMap<>(snapshot.tasks());
    health.forEach((id, healthy) -> tasks.computeIfPresent(id, (k, t) -> t.withTargetHealthy(healthy)));
    return new ClusterSnapshot(snapshot.instances(), tasks, snapshot.runtimes(), snapshot.events(), snapshot.nextEventSeq(),
        snapshot.autoscaling());
  }

  static Optional<InetSocketAddress> target(TaskRecord task, LoadBalancer lb) {
    for (ObservedContainer container : task.containers()) {
      if (!container.name().equals(lb.containerName())) {
        continue;
      }
      for (NetworkBinding binding : container.networkBindings()) {
        if (binding.containerPort() == lb.containerPort()) {
          String host = binding.bindIP().equals("0.0.0.0") || binding.bindIP().isEmpty() ? "127.0.0.1" : binding.bindIP();
          return Optional.of(new InetSocketAddress(host, binding.hostPort()));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean answers(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(address, 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void updateProxies(DeclaredState current, ClusterSnapshot now) {
    Set<Integer> wanted = new HashSet<>();
    for (Service service : current.services()) {
      for (LoadBalancer lb : service.loadBalancers()) {
        wanted.add(lb.listenerPort());
        LoadBalancerProxy proxy = proxies.computeIfAbsent(lb.listenerPort(), port -> {
          try {
            return new LoadBalancerProxy(port);
          } catch (IOException e) {
            System.err.println("berth server: cannot listen on 127.0.0.1:" + port + " for service "
                + service.serviceName() + ": " + e.getMessage() + "; choose a free listenerPort");
            return null;
          }
        });
        if (proxy != null) {
          List<InetSocketAddress> healthy = new ArrayList<>();
          for (TaskRecord task : now.tasks().values()) {
            if (task.serviceName().equals(service.serviceName()) && task.wanted() && task.targetHealthy()) {
              target(task, lb).ifPresent(healthy::add);
            }
          }
          proxy.targets(healthy);
        }
      }
    }
    proxies.entrySet().removeIf(e -> {
      if (!wanted.contains(e.getKey())) {
        e.getValue().close();
        return true;
      }
      return false;
    });
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
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (lock) {
      lock.notifyAll(); // blocking syncs answer now
    }
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    api.stop();
    synchronized (lock) {
      try {
        // A clean stop keeps the status still waiting for its batch (and the last syncs' reports).
        store.write(snapshot, Views.observed(snapshot, declared), () -> "runtime: status at shutdown", clock.instant(),
            Duration.ZERO);
      } catch (RuntimeException e) {
        System.err.println("berth server: could not commit the last status changes at shutdown: " + e);
      }
    }
    proxies.values().forEach(LoadBalancerProxy::close);
    repository.close();
    shutdown.countDown();
  }
}
