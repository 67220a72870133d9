package io.berth.engine.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand (forwards, or backwards to simulate a clock jump). */
public final class MutableClock extends Clock {
  /** The instant every new clock starts at. */
  public static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
  private volatile Instant now = START;

  /** Moves the clock by {@code duration} (negative to jump back). */
  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
