package io.berth.engine.server;

import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.SyncResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The control plane's bookkeeping of blocking syncs (Nomad-style blocking queries): per instance,
 * the assignment last answered and its index, how many syncs arrived, when it was last heard from
 * and how many of its syncs wait for an answer now. An agent that sends its assignment's index back
 * waits until its assignment differs from it, a newer sync of the same instance arrives or the
 * capped wait runs out.
 *
 * <p>Everything but {@link #heard} runs under the control plane's lock, which is the monitor the
 * waits are on: a tick that changes the snapshot notifies it.
 */
final class BlockingSyncs {
  /** Longest a blocking sync waits for its instance's assignment to change (and at most lostAfter / 3). */
  static final Duration MAX_SYNC_WAIT = Duration.ofSeconds(5);

  /**
   * A sync's answer and the index of the assignment it carries (an agent that sends the index back
   * waits until its assignment differs from it).
   */
  record SyncAnswer(SyncResponse response, long index) {}

  private record Assignment(List<AssignedTask> tasks, long index) {}

  private final Object lock;
  private final Duration cap;
  /** Per instance: the assignment last answered and its index. */
  private final Map<String, Assignment> assignments = new HashMap<>();
  /** Per instance: how many syncs arrived; a newer sync ends an older one's wait. */
  private final Map<String, Long> generations = new HashMap<>();
  /**
   * Per instance: when its latest sync arrived, recorded before the sync waits for the lock, so
   * that a slow tick (a commit on a busy disk) never makes a live agent look silent.
   */
  private final Map<String, Instant> heard = new ConcurrentHashMap<>();
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
   * Bookkeeping that waits on {@code lock}, caps waits at a third of {@code lostAfter} (an agent
   * waiting on the control plane must sync again well before it would count as lost) and numbers
   * assignments from {@code start}.
   */
  BlockingSyncs(Object lock, Duration lostAfter, Instant start) {
    this.lock = lock;
    Duration third = lostAfter.dividedBy(3);
    this.cap = third.compareTo(MAX_SYNC_WAIT) < 0 ? third : MAX_SYNC_WAIT;
    this.assignmentIndex = start.toEpochMilli() * 1000;
  }

  /** A sync of {@code instanceId} arrived at {@code at}; called before it waits for the lock. */
  void heard(String instanceId, Instant at) {
    heard.merge(instanceId, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** The control plane does not know {@code instanceId}: its sync counts for nothing. */
  void forget(String instanceId) {
    heard.remove(instanceId);
  }

  /**
   * Answers a sync of {@code instanceId} whose report is recorded and whose assignment is
   * {@code tasks}: at once if the assignment's index differs from {@code knownIndex} (or {@code wait}
   * is zero), else as soon as {@code assigned} (read again after each notification of the lock)
   * changes it, a newer sync of the same instance arrives, the control plane closes or {@code wait}
   * (capped) runs out. The lock is released while waiting.
   */
  SyncAnswer answer(String instanceId, List<AssignedTask> tasks, Duration wait, long knownIndex,
      Supplier<List<AssignedTask>> assigned) {
    long generation = generations.merge(instanceId, 1L, Long::sum);
    lock.notifyAll(); // an older blocking sync of this instance (abandoned by its agent) ends now
    long index = indexOf(instanceId, tasks);
    // Real time, not the injected clock: this bounds an HTTP exchange, not a domain decision.
    long deadline = System.nanoTime() + capped(wait).toNanos();
    waiting.merge(instanceId, 1, Integer::sum);
    try {
      while (index == knownIndex && !closed && generations.get(instanceId) == generation) {
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
        tasks = assigned.get();
        index = indexOf(instanceId, tasks);
      }
    } finally {
      waiting.merge(instanceId, -1, (a, b) -> a + b == 0 ? null : a + b);
    }
    return new SyncAnswer(new SyncResponse(tasks), index);
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

  /** Every waiting sync answers now, and later ones do not wait. */
  void close() {
    closed = true;
    lock.notifyAll();
  }

  private Duration capped(Duration wait) {
    return wait.isNegative() ? Duration.ZERO : wait.compareTo(cap) < 0 ? wait : cap;
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
