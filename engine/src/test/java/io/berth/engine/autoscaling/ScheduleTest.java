package io.berth.engine.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Schedule expressions: the latest fire time in a window (after, upTo], and clear errors for bad input. */
class ScheduleTest {

  static Stream<Arguments> fires() {
    return Stream.of(
        arguments("at() inside the window", "at(2026-11-23T08:00:00)", null, "2026-11-23T07:00:00Z", "2026-11-23T09:00:00Z", "2026-11-23T08:00:00Z"),
        arguments("at() on the window's end", "at(2026-11-23T08:00:00)", null, "2026-11-23T07:00:00Z", "2026-11-23T08:00:00Z", "2026-11-23T08:00:00Z"),
        arguments("at() on the window's start is already done", "at(2026-11-23T08:00:00)", null, "2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z", null),
        arguments("at() in a timezone", "at(2026-11-23T08:00:00)", "Europe/Paris", "2026-11-23T06:30:00Z", "2026-11-23T07:30:00Z", "2026-11-23T07:00:00Z"),
        arguments("rate() on the latest period boundary", "rate(5 minutes)", null, "2026-11-23T08:01:00Z", "2026-11-23T08:13:00Z", "2026-11-23T08:10:00Z"),
        arguments("rate() without a boundary in the window", "rate(1 hour)", null, "2026-11-23T08:01:00Z", "2026-11-23T08:59:00Z", null),
        arguments("cron() every weekday at 08:00", "cron(0 8 ? * MON-FRI *)", null, "2026-11-20T00:00:00Z", "2026-11-23T12:00:00Z", "2026-11-23T08:00:00Z"),
        arguments("cron() skips the weekend", "cron(0 8 ? * MON-FRI *)", null, "2026-11-20T09:00:00Z", "2026-11-22T23:00:00Z", null),
        arguments("cron() numeric day of week 1 is Sunday", "cron(30 6 ? * 1 *)", null, "2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z", "2026-11-22T06:30:00Z"),
        arguments("cron() step and list fields", "cron(0/15 9,17 * * ? *)", null, "2026-11-23T09:00:00Z", "2026-11-23T12:00:00Z", "2026-11-23T09:45:00Z"),
        arguments("cron() day of month and month names", "cron(0 0 1 JAN ? *)", null, "2025-06-01T00:00:00Z", "2026-11-23T00:00:00Z", "2026-01-01T00:00:00Z"),
        arguments("cron() in a timezone", "cron(0 8 * * ? *)", "America/New_York", "2026-11-23T00:00:00Z", "2026-11-23T14:00:00Z", "2026-11-23T13:00:00Z"),
        arguments("cron() year field", "cron(0 0 * * ? 2030)", null, "2026-01-01T00:00:00Z", "2026-11-23T00:00:00Z", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void fires(String rule, String expression, String zone, String after, String upTo, String expected) {
    Schedule schedule = Schedule.parse(expression, Optional.ofNullable(zone));
    assertThat(schedule.latestFire(Instant.parse(after), Instant.parse(upTo)))
        .isEqualTo(Optional.ofNullable(expected).map(Instant::parse));
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments("every(5 minutes)", null, "use at(yyyy-mm-ddThh:mm:ss), rate(N minutes|hours|days) or cron("),
        arguments("at(tomorrow)", null, "at(...) takes yyyy-mm-ddThh:mm:ss"),
        arguments("rate(0 minutes)", null, "rate(...) needs a positive value"),
        arguments("cron(0 8 * *)", null, "cron(...) takes six fields"),
        arguments("cron(61 8 * * ? *)", null, "minutes value '61' must be 0-59"),
        arguments("cron(0 8 L * ? *)", null, "(L, W and # are not supported)"),
        arguments("cron(0 9-8 * * ? *)", null, "hours range 9-8 runs backwards"),
        arguments("cron(0 8 * * ? *)", "Mars/Olympus", "timezone 'Mars/Olympus' is not an IANA zone id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void errors(String expression, String zone, String message) {
    assertThatThrownBy(() -> Schedule.parse(expression, Optional.ofNullable(zone)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid schedule '" + expression + "'")
        .hasMessageContaining(message);
  }
}
