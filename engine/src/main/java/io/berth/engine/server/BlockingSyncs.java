package io.berth.engine.server;

import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.SyncResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The control plane's bookkeeping of blocking syncs (Nomad-style blocking queries): per instance,
 * the assignment last answered and its index, the sync waiting for it to change, when it was last
 * heard from and how many of its syncs wait for an answer now. An agent that sends its assignment's
 * index back waits until its assignment differs from it, a newer sync of the same instance arrives
 * or the capped wait runs out.
 *
 * <p>A waiting sync waits on a {@link Waiter} of its own, outside the control plane's lock: only a
 * tick changes another instance's assignment (a sync changes its own instance's tasks only), so each
 * tick computes the assignments of the instances with a waiting sync in one pass over the tasks and
 * wakes exactly those whose assignment changed, and a sync wakes only its own instance's older one.
 * Everything but {@link #heard} and the waiting itself runs under the control plane's lock.
 */
final class BlockingSyncs {
  /**
   * Longest a blocking sync of a small cluster waits for its instance's assignment to change (and at
   * most lostAfter / 3); a larger cluster's are held longer ({@link #SYNCS_PER_SECOND}).
   */
  static final Duration MAX_SYNC_WAIT = Duration.ofSeconds(5);
  /**
   * At rest, about how many blocking syncs a second the whole cluster ends, at most: once
   * hosts / SYNCS_PER_SECOND seconds is longer than a small cluster's hold (past 166 hosts with the
   * default lostAfter of 10 s) each is held that long and up to a quarter more at random so that hosts answered
   * together drift apart, as Nomad stretches its clients' heartbeat intervals to keep the cluster's
   * total under 50 a second. A change still answers a held sync at once, and an agent whose tasks
   * change syncs at once; only the syncs that carry nothing new get fewer.
   */
  static final int SYNCS_PER_SECOND = 50;

  /**
   * A sync's answer and the index of the assignment it carries (an agent that sends the index back
   * waits until its assignment differs from it).
   */
  record SyncAnswer(SyncResponse response, long index) {}

  private record Assignment(List<AssignedTask> tasks, long index) {}

  /**
   * One blocking sync waiting for its instance's assignment to change: {@link #await} outside the
   * lock, then {@link #finish} under it. Its assignment is the one it began with, or the one the tick
   * that woke it found.
   */
  static final class Waiter {
    private final String instanceId;
    private final long deadlineNanos;
    /** Guarded by the control plane's lock. */
    private List<AssignedTask> tasks;
    private long index;
    /** Guarded by this waiter. */
    private boolean done;

    private Waiter(String instanceId, List<AssignedTask> tasks, long index, long deadlineNanos) {
      this.instanceId = instanceId;
      this.tasks = tasks;
      this.index = index;
      this.deadlineNanos = deadlineNanos;
    }

    /** Ends the wait now. */
    synchronized void wake() {
      done = true;
      notifyAll();
    }

    /** Waits until woken or the deadline passes; call without holding the control plane's lock. */
    synchronized void await() {
      while (!done) {
        // Real time, not the injected clock: this bounds an HTTP exchange, not a domain decision.
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** What {@link #begin} decided: an answer now, or a waiter to {@link Waiter#await} and {@link #finish}. */
  record Begun(SyncAnswer answer, Waiter waiter) {}

  /** The hold of a small cluster's blocking syncs: {@link #MAX_SYNC_WAIT}, at most lostAfter / 3. */
  private final Duration cap;
  /** How many hosts sync (instances not LOST), as of the last tick. */
  private int hosts;
  /** Per instance: the assignment last answered and its index. */
  private final Map<String, Assignment> assignments = new HashMap<>();
  /** Per instance: its newest waiting sync; a newer sync ends it. */
  private final Map<String, Waiter> waiters = new HashMap<>();
  /**
   * Per instance: when its latest sync arrived, recorded before the sync waits for the lock, so
   * that a slow tick (a commit on a busy disk) never makes a live agent look silent.
   */
  private final Map<String, Instant> heard = new ConcurrentHashMap<>();
  /** Per instance: how many syncs arrived, counted before they wait for the lock. */
  private final Map<String, AtomicLong> arrivals = new ConcurrentHashMap<>();
  /** Per instance: blocking syncs waiting for an answer now; the agent is there. */
  private final Map<String, Integer> waiting = new HashMap<>();
  /**
   * The last assignment index handed out. Starts from the clock (microseconds) so that an agent
   * holding an index from an earlier control plane process never meets the same number for a
   * different assignment after a restart.
   */
  private long assignmentIndex;
  private boolean closed;

  /**
   * Bookkeeping that caps waits at a third of {@code lostAfter} (an agent waiting on the control
   * plane must sync again well before it would count as lost) and numbers assignments from
   * {@code start}.
   */
  BlockingSyncs(Duration lostAfter, Instant start) {
    Duration third = lostAfter.dividedBy(3);
    this.cap = third.compareTo(MAX_SYNC_WAIT) < 0 ? third : MAX_SYNC_WAIT;
    this.assignmentIndex = start.toEpochMilli() * 1000;
  }

  /** A sync of {@code instanceId} arrived at {@code at}; called before it waits for the lock. */
  void heard(String instanceId, Instant at) {
    heard.merge(instanceId, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** A sync of {@code instanceId} arrived; its number among the instance's syncs. Called before the lock. */
  long arrived(String instanceId) {
    return arrivals.computeIfAbsent(instanceId, id -> new AtomicLong()).incrementAndGet();
  }

  /**
   * The answer for sync number {@code arrival} of {@code instanceId} when a newer sync of the same
   * instance arrived while it waited for the lock: its agent has abandoned it, and the newer one
   * carries a newer report of every task, so its report is not folded and it gets the instance's last
   * assignment. Empty when it is the newest, or nothing was answered to the instance yet. Under the
   * lock. Without this, a busy control plane folds every abandoned report in turn, each one making
   * the queue at the lock longer.
   */
  Optional<SyncAnswer> overtaken(String instanceId, long arrival) {
    AtomicLong newest = arrivals.get(instanceId);
    Assignment last = assignments.get(instanceId);
    if (newest == null || newest.get() == arrival || last == null) {
      return Optional.empty();
    }
    return Optional.of(new SyncAnswer(new SyncResponse(last.tasks()), last.index()));
  }

  /** The cluster has {@code count} hosts that sync (instances not LOST): the holds are sized by it. */
  void hosts(int count) {
    hosts = count;
  }

  /**
   * How long a blocking sync is held at most before its unchanged answer: {@link #MAX_SYNC_WAIT} (at
   * most lostAfter / 3), or hosts / {@link #SYNCS_PER_SECOND} seconds when that is longer. A host that
   * dies while its sync is held counts as heard from until the hold ends, so it is declared LOST at
   * most this plus lostAfter (and a quarter of this) after it died.
   */
  Duration hold() {
    Duration stretched = Duration.ofMillis(hosts * 1000L / SYNCS_PER_SECOND);
    return stretched.compareTo(cap) > 0 ? stretched : cap;
  }

  /** The control plane does not know {@code instanceId}: its sync counts for nothing. */
  void forget(String instanceId) {
    heard.remove(instanceId);
  }

  /**
   * A sync of {@code instanceId} whose report is recorded and whose assignment is {@code tasks}:
   * ends the instance's older waiting sync (abandoned by its agent), then answers at once if the
   * assignment's index differs from {@code knownIndex} (or {@code wait} is zero, or the control plane
   * closes), else gives a waiter. Under the lock.
   */
  Begun begin(String instanceId, List<AssignedTask> tasks, Duration wait, long knownIndex) {
    Waiter older = waiters.remove(instanceId);
    if (older != null) {
      older.wake();
    }
    long index = indexOf(instanceId, tasks);
    Duration capped = held(wait);
    if (index != knownIndex || closed || capped.isZero()) {
      return new Begun(new SyncAnswer(new SyncResponse(tasks), index), null);
    }
    Waiter waiter = new Waiter(instanceId, tasks, index, System.nanoTime() + capped.toNanos());
    waiters.put(instanceId, waiter);
    waiting.merge(instanceId, 1, Integer::sum);
    return new Begun(null, waiter);
  }

  /** The answer of a waiter whose wait ended (woken, replaced or timed out). Under the lock. */
  SyncAnswer finish(Waiter waiter) {
    waiters.remove(waiter.instanceId, waiter);
    waiting.merge(waiter.instanceId, -1, (a, b) -> a + b == 0 ? null : a + b);
    return new SyncAnswer(new SyncResponse(waiter.tasks), waiter.index);
  }

  /**
   * After a tick changed the snapshot: {@code assigned} gives the assignments of the instances with
   * a waiting sync (in one pass), and each waiter whose assignment got another index answers now.
   * Under the lock.
   */
  void ticked(Function<Set<String>, Map<String, List<AssignedTask>>> assigned) {
    if (waiters.isEmpty()) {
      return;
    }
    Map<String, List<AssignedTask>> now = assigned.apply(waiters.keySet());
    for (Waiter waiter : waiters.values()) {
      List<AssignedTask> tasks = now.getOrDefault(waiter.instanceId, List.of());
      long index = indexOf(waiter.instanceId, tasks);
      if (index != waiter.index) {
        waiter.tasks = tasks;
        waiter.index = index;
        waiter.wake();
      }
    }
  }

  /** How many blocking syncs of {@code instanceId} wait for an answer now. */
  int waiting(String instanceId) {
    return waiting.getOrDefault(instanceId, 0);
  }

  /**
   * {@code snapshot} with every instance's last sync moved to when the control plane last heard
   * from it: a sync that arrived but still waits for the lock, or a blocking sync it is holding
   * open (the agent waits on the other end), counts as of now. Liveness thus depends neither on how
   * long a tick holds the lock nor on how long blocking syncs wait.
   */
  ControlPlaneSnapshot heardFrom(ControlPlaneSnapshot snapshot, Instant now) {
    Map<String, InstanceRecord> instances = null;
    for (InstanceRecord instance : snapshot.instances().values()) {
      Instant last = waiting(instance.instanceId()) > 0 ? now
          : heard.getOrDefault(instance.instanceId(), Instant.MIN);
      // At most once a second per instance: a new snapshot every tick would be work for nothing.
      if (last.isAfter(instance.lastSyncAt().plusSeconds(1))) {
        instances = instances == null ? new HashMap<>(snapshot.instances()) : instances;
        instances.put(instance.instanceId(), instance.withLastSyncAt(last));
      }
    }
    return instances == null ? snapshot : new ControlPlaneSnapshot(instances, snapshot.tasks(), snapshot.runtimes(),
        snapshot.events(), snapshot.nextEventSeq(), snapshot.autoscaling());
  }

  /** Every waiting sync answers now, and later ones do not wait. Under the lock. */
  void close() {
    closed = true;
    waiters.values().forEach(Waiter::wake);
  }

  /** How long a blocking sync that asks to wait {@code wait} is held at most now. */
  Duration held(Duration wait) {
    Duration hold = hold();
    if (hold.compareTo(cap) > 0) {
      // Up to a quarter more at random: hosts whose syncs a change answered together drift apart.
      hold = hold.plusMillis(ThreadLocalRandom.current().nextLong(hold.toMillis() / 4 + 1));
    }
    return wait.isNegative() ? Duration.ZERO : wait.compareTo(hold) < 0 ? wait : hold;
  }

  /** The index of {@code tasks} as the instance's assignment: the same as last time if they are equal. */
  private long indexOf(String instanceId, List<AssignedTask> tasks) {
    Assignment last = assignments.get(instanceId);
    if (last != null && last.tasks().equals(tasks)) {
      return last.index();
    }
    long index = ++assignmentIndex;
    assignments.put(instanceId, new Assignment(List.copyOf(tasks), index));
    return index;
  }
}
