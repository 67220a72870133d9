package io.berth.engine.balancer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe counters behind {@link RequestCounts}: one per target and one per listener, updated by
 * the request threads without locks. Latencies go to a histogram of quarter powers of two (each
 * bucket about 19 % wide), enough for p50 and p99; answered requests also go to a per-second ring
 * over the last minute, which auto scaling reads as ALBRequestCountPerTarget.
 */
final class RequestStats {
  private static final int BUCKETS = 160;
  private static final int WINDOW_SECONDS = 60;

  private final LongAdder requests = new LongAdder();
  private final LongAdder[] byClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
  private final LongAdder errors = new LongAdder();
  private final LongAdder totalMicros = new LongAdder();
  private final AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray windowSecond = new AtomicLongArray(WINDOW_SECONDS);
  private final AtomicLongArray windowCount = new AtomicLongArray(WINDOW_SECONDS);

  /** A response with {@code status} from the target, after {@code nanos}, at epoch second {@code second}. */
  void answered(int status, long nanos, long second) {
    requests.increment();
    int group = status / 100 - 2;
    if (group >= 0 && group < byClass.length) {
      byClass[group].increment();
    }
    long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos));
    totalMicros.add(micros);
    histogram.incrementAndGet(bucket(micros));
    int slot = (int) Math.floorMod(second, (long) WINDOW_SECONDS);
    long stamp = windowSecond.get(slot);
    if (stamp != second && windowSecond.compareAndSet(slot, stamp, second)) {
      windowCount.set(slot, 0);
    }
    windowCount.incrementAndGet(slot);
  }

  /** An answer the load balancer gave itself (no target reachable, a timeout). */
  void failed() {
    errors.increment();
  }

  /** Requests answered in the minute up to epoch second {@code second}. */
  long lastMinute(long second) {
    long sum = 0;
    for (int slot = 0; slot < WINDOW_SECONDS; slot++) {
      long stamp = windowSecond.get(slot);
      if (stamp > second - WINDOW_SECONDS && stamp <= second) {
        sum += windowCount.get(slot);
      }
    }
    return sum;
  }

  /** The counts now. */
  RequestCounts counts() {
    long n = requests.sum();
    long[] copy = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      copy[i] = histogram.get(i);
    }
    return new RequestCounts(n, byClass[0].sum(), byClass[1].sum(), byClass[2].sum(), byClass[3].sum(), errors.sum(),
        n == 0 ? 0 : totalMicros.sum() / 1000.0 / n, quantile(copy, 0.50), quantile(copy, 0.99));
  }

  static int bucket(long micros) {
    int b = (int) Math.floor(Math.log(micros) / Math.log(2) * 4);
    return Math.max(0, Math.min(BUCKETS - 1, b));
  }

  /** The upper bound in milliseconds of the bucket holding quantile {@code q}. */
  static double quantile(long[] histogram, double q) {
    long total = 0;
    for (long c : histogram) {
      total += c;
    }
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < histogram.length; i++) {
      seen += histogram[i];
      if (seen >= rank) {
        return Math.pow(2, (i + 1) / 4.0) / 1000.0;
      }
    }
    return Math.pow(2, histogram.length / 4.0) / 1000.0;
  }
}
