package io.berth.engine.scale;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulated hosts' exchanges did, counted from a phase's start: syncs answered, how many
 * of them blocking and how many carried a new assignment, abandoned ones (a newer sync replaced
 * them), failures and registrations; and round-trip times given to {@link #latency} (the harness's
 * probe: immediate syncs, which measure the control plane's own work on a sync, where a blocking
 * sync's time is mostly its wait).
 */
final class SyncStats {
  private final AtomicLong syncs = new AtomicLong();
  private final AtomicLong blocking = new AtomicLong();
  private final AtomicLong changed = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong registered = new AtomicLong();
  private final java.util.concurrent.ConcurrentHashMap<String, Long> kinds = new java.util.concurrent.ConcurrentHashMap<>();
  private long[] latencies = new long[1024];
  private int count;

  void synced(long nanos, boolean wasBlocking, boolean newAssignment) {
    syncs.incrementAndGet();
    if (wasBlocking) {
      blocking.incrementAndGet();
    }
    if (newAssignment) {
      changed.incrementAndGet();
    }
  }

  /** Records the round trip of an immediate sync. */
  synchronized void latency(long nanos) {
    if (count == latencies.length) {
      latencies = Arrays.copyOf(latencies, count * 2);
    }
    latencies[count++] = nanos;
  }

  void abandoned() {
    abandoned.incrementAndGet();
  }

  void failed() {
    failed.incrementAndGet();
  }

  /** A failed exchange, counted by the first words of its message (what failed, not which instance). */
  void failed(Throwable failure) {
    failed();
    String message = String.valueOf(failure.getMessage()).replaceAll("i-[0-9a-f]+", "i-…");
    int colon = message.lastIndexOf(": ");
    kinds.merge(colon > 0 ? message.substring(colon + 2) : message, 1L, Long::sum);
  }

  void registered() {
    registered.incrementAndGet();
  }

  /** The counts so far, and starts counting again from zero. */
  synchronized Window take() {
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    count = 0;
    String why = kinds.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
        .map(e -> e.getValue() + "× " + e.getKey()).collect(java.util.stream.Collectors.joining(", "));
    kinds.clear();
    return new Window(syncs.getAndSet(0), blocking.getAndSet(0), changed.getAndSet(0), abandoned.getAndSet(0),
        failed.getAndSet(0), registered.getAndSet(0), percentile(sorted, 50), percentile(sorted, 99), sorted.length,
        why);
  }

  private static double percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int at = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, at))] / 1e6;
  }

  /** Counts over one phase; latencies in ms. */
  record Window(long syncs, long blocking, long changed, long abandoned, long failed, long registered, double p50Millis,
      double p99Millis, int latencySamples, String failures) {}
}
