package io.berth.engine.scheduler.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the service scheduler. {@link #defaults()} are ECS's numbers; tests shorten them.
 *
 * @param healthyAfterRunning a task without a health check counts healthy after running this long (ECS: 40 s)
 * @param throttleBase first retry delay after a task fails to start; doubles per failure
 * @param throttleCap the longest retry delay (15 min)
 * @param unplacedEventInterval repeat an unchanged "unable to place" event at most this often
 * @param seed seeds the random placement strategy (mixed with the tick time and service name)
 */
public record SchedulerSettings(
    Duration healthyAfterRunning,
    Duration throttleBase,
    Duration throttleCap,
    Duration unplacedEventInterval,
    long seed) {

  /** Checks required members. */
  public SchedulerSettings {
    Objects.requireNonNull(healthyAfterRunning, "healthyAfterRunning == null");
    Objects.requireNonNull(throttleBase, "throttleBase == null");
    Objects.requireNonNull(throttleCap, "throttleCap == null");
    Objects.requireNonNull(unplacedEventInterval, "unplacedEventInterval == null");
  }

  /** 40 s to healthy, retries from 10 s doubling up to 15 min, unplaced events every 5 min. */
  public static SchedulerSettings defaults() {
    return new SchedulerSettings(Duration.ofSeconds(40), Duration.ofSeconds(10), Duration.ofMinutes(15),
        Duration.ofMinutes(5), 0L);
  }

  /** These settings with another healthy-after duration. */
  public SchedulerSettings withHealthyAfterRunning(Duration duration) {
    return new SchedulerSettings(duration, throttleBase, throttleCap, unplacedEventInterval, seed);
  }

  /** These settings with another seed. */
  public SchedulerSettings withSeed(long newSeed) {
    return new SchedulerSettings(healthyAfterRunning, throttleBase, throttleCap, unplacedEventInterval, newSeed);
  }
}
