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
   * One commit every five seconds at most for status alone: a rollout's reports then cost a few
   * commits instead of one per tick (at one a second they were still half of a rollout's commits,
   * each a dozen loose Git objects written while Docker needs the same cores), and {@code git log}
   * of the runtime ref reads at human pace. Nothing reads status from the ref while the control
   * plane runs (its API serves the live view), and agents report it again after a restart.
   */
  public static final Duration DEFAULT_STATUS_COMMIT_INTERVAL = Duration.ofSeconds(5);

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
