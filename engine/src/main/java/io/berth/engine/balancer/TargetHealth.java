package io.berth.engine.balancer;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One target's health as its load balancer judges it, and the rule that moves it on, as ELB's
 * target groups do: a new target (INITIAL) turns HEALTHY on its first passing check, and is checked
 * every second until then; it turns UNHEALTHY only once {@code unhealthyThreshold} intervals have gone
 * by without a pass. A HEALTHY target turns UNHEALTHY after {@code unhealthyThreshold} failed checks
 * in a row (or as many requests in a row that could not reach it), an UNHEALTHY one HEALTHY again after
 * {@code healthyThreshold} passes in a row. A DRAINING target is no longer checked. Pure: every
 * transition returns a new value.
 *
 * @param passes passing checks in a row
 * @param failures failing checks in a row
 * @param last the last check (or unreachable request), if any
 * @param reason why the target is in its state, in a sentence ("" when healthy)
 */
public record TargetHealth(
    TargetHealthState state,
    int passes,
    int failures,
    Optional<CheckResult> last,
    Instant registeredAt,
    Instant nextCheckAt,
    Optional<Instant> drainingSince,
    String reason) {

  /** How often a new target is checked until its first pass. */
  static final Duration INITIAL_CHECK_INTERVAL = Duration.ofSeconds(1);

  /** Checks the members. */
  public TargetHealth {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(last, "last == null");
    Objects.requireNonNull(registeredAt, "registeredAt == null");
    Objects.requireNonNull(nextCheckAt, "nextCheckAt == null");
    Objects.requireNonNull(drainingSince, "drainingSince == null");
    Objects.requireNonNull(reason, "reason == null");
  }

  /** A target registered at {@code now}: INITIAL, checked at once. */
  public static TargetHealth registered(Instant now) {
    return new TargetHealth(TargetHealthState.INITIAL, 0, 0, Optional.empty(), now, now, Optional.empty(),
        "initial health checking");
  }

  /** Whether a check is due at {@code now}. */
  public boolean checkDue(Instant now) {
    return state != TargetHealthState.DRAINING && !now.isBefore(nextCheckAt);
  }

  /** The health after {@code result}, a check that ended at {@code now}. */
  public TargetHealth checked(CheckResult result, TargetGroupSettings settings, Instant now) {
    if (state == TargetHealthState.DRAINING) {
      return this;
    }
    int newPasses = result.passed() ? passes + 1 : 0;
    int newFailures = result.passed() ? 0 : failures + 1;
    TargetHealthState next = state;
    String why = reason;
    switch (state) {
      case INITIAL -> {
        Duration patience = settings.interval().multipliedBy(settings.unhealthyThreshold());
        if (result.passed()) {
          next = TargetHealthState.HEALTHY;
          why = "";
        } else if (!now.isBefore(registeredAt.plus(patience))) {
          next = TargetHealthState.UNHEALTHY;
          why = "no passing health check in " + patience.toSeconds() + " s; last: " + result.detail();
        } else {
          why = "initial health checking; last: " + result.detail();
        }
      }
      case HEALTHY -> {
        if (newFailures >= settings.unhealthyThreshold()) {
          next = TargetHealthState.UNHEALTHY;
          why = newFailures + " health checks in a row failed; last: " + result.detail();
        }
      }
      case UNHEALTHY -> {
        if (newPasses >= settings.healthyThreshold()) {
          next = TargetHealthState.HEALTHY;
          why = "";
        } else if (!result.passed()) {
          why = why.startsWith("no passing") || why.contains("in a row") ? replaceLast(why, result.detail()) : why;
        }
      }
      default -> { }
    }
    Duration wait = next == TargetHealthState.INITIAL
        ? (settings.interval().compareTo(INITIAL_CHECK_INTERVAL) < 0 ? settings.interval() : INITIAL_CHECK_INTERVAL)
        : settings.interval();
    return new TargetHealth(next, newPasses, newFailures, Optional.of(result), registeredAt, now.plus(wait),
        drainingSince, why);
  }

  /**
   * The health after {@code count} requests in a row could not reach the target, the last for
   * {@code detail}: UNHEALTHY at once once they reach {@code unhealthyThreshold} (a passive check),
   * so that a dead host stops getting requests before its next health check.
   */
  public TargetHealth unreachable(int count, String detail, TargetGroupSettings settings, Instant now) {
    if (count < settings.unhealthyThreshold() || state == TargetHealthState.DRAINING
        || state == TargetHealthState.UNHEALTHY) {
      return this;
    }
    return new TargetHealth(TargetHealthState.UNHEALTHY, 0, Math.max(failures, count),
        Optional.of(CheckResult.fail(detail, now)), registeredAt, nextCheckAt, drainingSince,
        count + " requests in a row could not reach it: " + detail);
  }

  /** The target leaving from {@code now}: DRAINING, no longer checked. */
  public TargetHealth draining(Instant now) {
    if (state == TargetHealthState.DRAINING) {
      return this;
    }
    return new TargetHealth(TargetHealthState.DRAINING, passes, failures, last, registeredAt, nextCheckAt,
        Optional.of(now), reason.isEmpty() || state == TargetHealthState.INITIAL ? "draining" : "draining; was: " + reason);
  }

  /** Whether a DRAINING target's deregistration delay is over at {@code now}. */
  public boolean delayOver(TargetGroupSettings settings, Instant now) {
    return drainingSince.map(since -> !now.isBefore(since.plus(settings.deregistrationDelay()))).orElse(false);
  }

  private static String replaceLast(String reason, String detail) {
    int at = reason.lastIndexOf("; last: ");
    return (at < 0 ? reason : reason.substring(0, at)) + "; last: " + detail;
  }
}
