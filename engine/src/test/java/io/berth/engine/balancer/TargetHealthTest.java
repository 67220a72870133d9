package io.berth.engine.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.model.TargetGroupProtocol;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The target health rule, as ELB's target groups apply it, on a hand-moved clock. */
class TargetHealthTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  /** Interval 5 s, healthy after 3 passes, unhealthy after 2 failures, 20 s deregistration delay. */
  static final TargetGroupSettings SETTINGS = new TargetGroupSettings(TargetGroupProtocol.HTTP, Optional.of("/health"),
      StatusMatcher.parse("200"), Duration.ofSeconds(5), Duration.ofSeconds(2), 3, 2, Duration.ofSeconds(20));

  static CheckResult pass(long second) {
    return CheckResult.pass("GET /health answered 200", T0.plusSeconds(second));
  }

  static CheckResult fail(long second) {
    return CheckResult.fail("GET /health answered 503, expected 200", T0.plusSeconds(second));
  }

  static TargetHealth healthy() {
    return TargetHealth.registered(T0).checked(pass(0), SETTINGS, T0);
  }

  @Test
  void aNewTargetIsCheckedAtOnceAndTurnsHealthyOnItsFirstPass() {
    TargetHealth fresh = TargetHealth.registered(T0);
    assertThat(fresh.state()).isEqualTo(TargetHealthState.INITIAL);
    assertThat(fresh.checkDue(T0)).isTrue();

    TargetHealth passed = fresh.checked(pass(0), SETTINGS, T0);
    assertThat(passed.state()).isEqualTo(TargetHealthState.HEALTHY);
    assertThat(passed.reason()).isEmpty();
    assertThat(passed.nextCheckAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void aNewTargetIsCheckedEverySecondAndTurnsUnhealthyOnlyAfterIntervalTimesThreshold() {
    TargetHealth health = TargetHealth.registered(T0);
    for (int second = 0; second < 10; second++) {
      health = health.checked(fail(second), SETTINGS, T0.plusSeconds(second));
      assertThat(health.state()).as("second " + second).isEqualTo(TargetHealthState.INITIAL);
      assertThat(health.nextCheckAt()).isEqualTo(T0.plusSeconds(second + 1));
    }
    health = health.checked(fail(10), SETTINGS, T0.plusSeconds(10));

    assertThat(health.state()).isEqualTo(TargetHealthState.UNHEALTHY);
    assertThat(health.reason()).isEqualTo("no passing health check in 10 s; last: GET /health answered 503, expected 200");
    assertThat(health.nextCheckAt()).isEqualTo(T0.plusSeconds(15));
  }

  @Test
  void aHealthyTargetTurnsUnhealthyAfterTheUnhealthyThresholdAndBackAfterTheHealthyThreshold() {
    TargetHealth once = healthy().checked(fail(5), SETTINGS, T0.plusSeconds(5));
    assertThat(once.state()).isEqualTo(TargetHealthState.HEALTHY);
    TargetHealth twice = once.checked(fail(10), SETTINGS, T0.plusSeconds(10));
    assertThat(twice.state()).isEqualTo(TargetHealthState.UNHEALTHY);
    assertThat(twice.reason()).isEqualTo("2 health checks in a row failed; last: GET /health answered 503, expected 200");

    TargetHealth back = twice;
    for (int i = 1; i <= 2; i++) {
      back = back.checked(pass(10 + 5 * i), SETTINGS, T0.plusSeconds(10 + 5 * i));
      assertThat(back.state()).isEqualTo(TargetHealthState.UNHEALTHY);
    }
    back = back.checked(pass(25), SETTINGS, T0.plusSeconds(25));
    assertThat(back.state()).isEqualTo(TargetHealthState.HEALTHY);
  }

  @Test
  void requestsThatCannotReachATargetMakeItUnhealthyAtTheThreshold() {
    TargetHealth health = healthy();
    assertThat(health.unreachable(1, "connection refused", SETTINGS, T0)).isEqualTo(health);

    TargetHealth down = health.unreachable(2, "connection refused", SETTINGS, T0.plusSeconds(1));

    assertThat(down.state()).isEqualTo(TargetHealthState.UNHEALTHY);
    assertThat(down.reason()).isEqualTo("2 requests in a row could not reach it: connection refused");
  }

  @Test
  void aDrainingTargetIsNoLongerCheckedAndItsDelayEnds() {
    TargetHealth draining = healthy().draining(T0.plusSeconds(3));

    assertThat(draining.state()).isEqualTo(TargetHealthState.DRAINING);
    assertThat(draining.checkDue(T0.plusSeconds(60))).isFalse();
    assertThat(draining.checked(fail(4), SETTINGS, T0.plusSeconds(4))).isEqualTo(draining);
    assertThat(draining.delayOver(SETTINGS, T0.plusSeconds(22))).isFalse();
    assertThat(draining.delayOver(SETTINGS, T0.plusSeconds(23))).isTrue();
  }

  @Test
  void matchersAcceptCodesListsAndRanges() {
    StatusMatcher matcher = StatusMatcher.parse("200-204, 302");
    assertThat(matcher.matches(200)).isTrue();
    assertThat(matcher.matches(204)).isTrue();
    assertThat(matcher.matches(302)).isTrue();
    assertThat(matcher.matches(205)).isFalse();
    assertThat(matcher.matches(503)).isFalse();
  }

  @Test
  void latencyQuantilesComeFromTheHistogramWithinABucket() {
    RequestStats stats = new RequestStats();
    for (int i = 0; i < 99; i++) {
      stats.answered(200, 1_000_000, 100); // 1 ms
    }
    stats.answered(500, 100_000_000, 100); // 100 ms

    RequestCounts counts = stats.counts();
    assertThat(counts.requests()).isEqualTo(100);
    assertThat(counts.status2xx()).isEqualTo(99);
    assertThat(counts.status5xx()).isEqualTo(1);
    assertThat(counts.p50Millis()).isBetween(1.0, 1.2);
    assertThat(counts.p99Millis()).isBetween(1.0, 1.2);
    assertThat(counts.meanMillis()).isBetween(1.9, 2.1);
    assertThat(stats.lastMinute(100)).isEqualTo(100);
    assertThat(stats.lastMinute(161)).as("a minute later").isZero();
  }
}
