package io.berth.engine.server;

import java.time.Duration;

/**
 * Timing rules of the reconciler.
 *
 * @param lostAfter an instance that has not synced for this long is LOST and its tasks replaced
 * @param healthyAfter a running task without a health check counts as healthy after this long
 *     (ECS uses 40 s; tests and {@code berth up} use less)
 * @param maxLaunchDelay cap of the start-failure throttle
 */
public record ReconcileSettings(Duration lostAfter, Duration healthyAfter, Duration maxLaunchDelay) {

  /** ECS-like defaults: lost after 10 s, healthy after 40 s, throttle capped at 15 min. */
  public static ReconcileSettings defaults() {
    return new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(40), Duration.ofMinutes(15));
  }
}
