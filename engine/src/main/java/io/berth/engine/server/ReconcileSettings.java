package io.berth.engine.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing rules of the reconciler.
 *
 * @param lostAfter an instance that has not synced for this long is LOST and its tasks replaced
 * @param healthyAfter a running task without a health check counts as healthy after this long
 *     (ECS uses 40 s; tests and {@code berth up} use less)
 * @param maxLaunchDelay cap of the start-failure throttle
 * @param statusCommitInterval how long status-only changes (what agents report and would report
 *     again after a restart) may wait before they are committed to the runtime ref; decisions are
 *     committed at once (see {@link CommitUrgency})
 */
public record ReconcileSettings(Duration lostAfter, Duration healthyAfter, Duration maxLaunchDelay,
    Duration statusCommitInterval) {

  /**
   * One commit a second at most for status alone: a rollout's reports then cost a handful of commits
   * instead of one per tick, and {@code git log} of the runtime ref still reads at human pace.
   */
  public static final Duration DEFAULT_STATUS_COMMIT_INTERVAL = Duration.ofSeconds(1);

  /** Checks the members. */
  public ReconcileSettings {
    Objects.requireNonNull(lostAfter, "lostAfter == null");
    Objects.requireNonNull(healthyAfter, "healthyAfter == null");
    Objects.requireNonNull(maxLaunchDelay, "maxLaunchDelay == null");
    Objects.requireNonNull(statusCommitInterval, "statusCommitInterval == null");
    if (statusCommitInterval.isNegative()) {
      throw new IllegalArgumentException("statusCommitInterval must not be negative: " + statusCommitInterval);
    }
  }

  /** With the default status commit interval. */
  public ReconcileSettings(Duration lostAfter, Duration healthyAfter, Duration maxLaunchDelay) {
    this(lostAfter, healthyAfter, maxLaunchDelay, DEFAULT_STATUS_COMMIT_INTERVAL);
  }

  /** ECS-like defaults: lost after 10 s, healthy after 40 s, throttle capped at 15 min. */
  public static ReconcileSettings defaults() {
    return new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(40), Duration.ofMinutes(15));
  }
}
