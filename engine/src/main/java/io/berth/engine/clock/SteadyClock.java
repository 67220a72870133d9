package io.berth.engine.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * A clock that reads the wall clock once, then advances with a monotonic ticker ({@link
 * System#nanoTime} in production): the control plane and the agents compare instants they read from
 * their clock (a host's last sync against lost-after, a task's start against healthy-after,
 * deployments' and back-offs' timers, cleanup waits), so a step of the wall clock must not reach
 * those differences. A wall clock that steps forward ten minutes would otherwise declare every
 * host lost at once; one that steps back would hold every timer for ten minutes.
 *
 * <p>It still follows the wall clock, so that timestamps (events, commits, {@code runningSince})
 * read as the machine's time: each reading moves it towards the wall clock by at most 1/{@value
 * #SLEW_DIVISOR} of the ticker time elapsed since the last reading. A step of ten minutes is thus absorbed
 * in 200 minutes, during which a measured duration is off by at most 5 % (a lost-after of 10 s acts
 * between 9.5 and 10.5 s); the ticker's own drift (parts per million) is followed exactly. It never
 * runs backwards. Thread-safe.
 *
 * <pre>{@code
 * Clock clock = new SteadyClock(Clock.systemUTC(), System::nanoTime);
 * }</pre>
 */
public final class SteadyClock extends Clock {
  /** This clock moves towards the wall clock by at most the ticker time elapsed divided by this (5 %). */
  public static final int SLEW_DIVISOR = 20;
  /** The farthest {@link #notBefore} moves this clock ahead. */
  public static final Duration MAX_HOLD = Duration.ofHours(1);
  private final Clock wall;
  private final LongSupplier ticker;
  /** Guarded by this: the ticker's and this clock's last readings (nanoseconds since the epoch). */
  private long lastTick;
  private long lastNanos;

  /** A clock starting at {@code wall}'s time now and advancing with {@code ticker} (nanoseconds). */
  public SteadyClock(Clock wall, LongSupplier ticker) {
    this.wall = wall;
    this.ticker = ticker;
    this.lastTick = ticker.getAsLong();
    this.lastNanos = nanos(wall.instant());
  }

  @Override
  public Instant instant() {
    long tick = ticker.getAsLong();
    long wallNanos = nanos(wall.instant());
    synchronized (this) {
      long elapsed = Math.max(0, tick - lastTick);
      long steady = lastNanos + elapsed;
      long most = elapsed / SLEW_DIVISOR;
      long towards = Math.max(-most, Math.min(most, wallNanos - steady));
      lastTick = Math.max(lastTick, tick);
      lastNanos = Math.max(lastNanos, steady + towards);
      return Instant.ofEpochSecond(0, lastNanos);
    }
  }

  /**
   * From now on this clock reads no earlier than {@code floor}: a process resuming what it recorded
   * before a restart (instants of its earlier life) must not read a time before them when the
   * machine's clock stepped back meanwhile. It then slews back to the wall clock as after any step.
   * A floor more than {@link #MAX_HOLD} ahead is held only that far: instants recorded under a clock
   * that was that wrong are not worth running fast for days.
   */
  public void notBefore(Instant floor) {
    long floorNanos = nanos(floor);
    synchronized (this) {
      lastNanos = Math.max(lastNanos, Math.min(floorNanos, lastNanos + MAX_HOLD.toNanos()));
    }
  }

  /** {@link #notBefore} when {@code clock} is a steady clock; any other clock (a test's) is left as it is. */
  public static void holdNotBefore(Clock clock, Instant floor) {
    if (clock instanceof SteadyClock steady) {
      steady.notBefore(floor);
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  private static long nanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }
}
