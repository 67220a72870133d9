package io.berth.engine.autoscaling;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a scheduled action fires: {@code at(2026-11-23T08:00:00)}, {@code rate(5 minutes)} or
 * {@code cron(0 8 ? * MON-FRI *)}, read in UTC unless a timezone is given.
 *
 * <p>Example: {@code Schedule.parse("cron(0 8 * * ? *)", Optional.of("Europe/Paris"))} fires at 08:00
 * Paris time every day.
 */
public sealed interface Schedule permits Schedule.At, Schedule.Rate, CronSchedule {

  /** The latest fire time in {@code (after, upTo]}, if the schedule fires in that window. */
  Optional<Instant> latestFire(Instant after, Instant upTo);

  /** Fires once at a wall-clock time in a zone. */
  record At(LocalDateTime time, ZoneId zone) implements Schedule {
    @Override
    public Optional<Instant> latestFire(Instant after, Instant upTo) {
      Instant fire = time.atZone(zone).toInstant();
      return fire.isAfter(after) && !fire.isAfter(upTo) ? Optional.of(fire) : Optional.empty();
    }
  }

  /** Fires every period, counted from the epoch so every control plane agrees on the fire times. */
  record Rate(Duration period) implements Schedule {
    /** Refuses a period that is not positive. */
    public Rate {
      if (period.isZero() || period.isNegative()) {
        throw new IllegalArgumentException("rate period must be positive, got " + period);
      }
    }

    @Override
    public Optional<Instant> latestFire(Instant after, Instant upTo) {
      long periodMillis = period.toMillis();
      long fire = Math.floorDiv(upTo.toEpochMilli(), periodMillis) * periodMillis;
      Instant instant = Instant.ofEpochMilli(fire);
      return instant.isAfter(after) ? Optional.of(instant) : Optional.empty();
    }
  }

  /**
   * Parses a schedule expression.
   *
   * @throws IllegalArgumentException naming the expression and the accepted forms
   */
  static Schedule parse(String expression, Optional<String> timezone) {
    ZoneId zone = zone(expression, timezone);
    Matcher at = Pattern.compile("at\\((.+)\\)").matcher(expression.trim());
    if (at.matches()) {
      try {
        return new At(LocalDateTime.parse(at.group(1).trim()), zone);
      } catch (DateTimeParseException e) {
        throw invalid(expression, "at(...) takes yyyy-mm-ddThh:mm:ss, e.g. at(2026-11-23T08:00:00)");
      }
    }
    Matcher rate = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)")
        .matcher(expression.trim());
    if (rate.matches()) {
      long value = Long.parseLong(rate.group(1));
      if (value == 0) {
        throw invalid(expression, "rate(...) needs a positive value, e.g. rate(5 minutes)");
      }
      String unit = rate.group(2);
      Duration period = unit.startsWith("minute") ? Duration.ofMinutes(value)
          : unit.startsWith("hour") ? Duration.ofHours(value) : Duration.ofDays(value);
      return new Rate(period);
    }
    Matcher cron = Pattern.compile("cron\\((.+)\\)").matcher(expression.trim());
    if (cron.matches()) {
      return CronSchedule.parse(expression, cron.group(1), zone);
    }
    throw invalid(expression, "use at(yyyy-mm-ddThh:mm:ss), rate(N minutes|hours|days) or "
        + "cron(Min Hour DayOfMonth Month DayOfWeek Year)");
  }

  private static ZoneId zone(String expression, Optional<String> timezone) {
    try {
      return timezone.map(ZoneId::of).orElse(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw invalid(expression, "timezone '" + timezone.orElseThrow() + "' is not an IANA zone id such as Europe/Paris");
    }
  }

  /** The error for a malformed expression, naming it and the fix. */
  static IllegalArgumentException invalid(String expression, String fix) {
    return new IllegalArgumentException("invalid schedule '" + expression + "': " + fix);
  }
}
