package io.berth.engine.autoscaling;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code cron(Min Hour DayOfMonth Month DayOfWeek Year)} in a zone. Fields take {@code *}, numbers, ranges
 * {@code a-b}, lists {@code a,b} and steps {@code a/n} or {@code *}{@code /n}; {@code ?} means "any" in the
 * day fields; months and days of week take names (JAN, MON); day of week 1 is Sunday, as in ECS.
 */
record CronSchedule(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek,
    BitSet years, ZoneId zone) implements Schedule {

  /** A missed fire older than this is not looked for: a control plane down longer starts afresh. */
  static final Duration LOOK_BACK = Duration.ofDays(366);

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  static CronSchedule parse(String expression, String body, ZoneId zone) {
    String[] fields = body.trim().split("\\s+");
    if (fields.length != 6) {
      throw Schedule.invalid(expression, "cron(...) takes six fields: Min Hour DayOfMonth Month DayOfWeek Year, "
          + "e.g. cron(0 8 ? * MON-FRI *)");
    }
    return new CronSchedule(
        field(expression, "minutes", fields[0], 0, 59, List.of(), 0),
        field(expression, "hours", fields[1], 0, 23, List.of(), 0),
        field(expression, "day-of-month", fields[2], 1, 31, List.of(), 1),
        field(expression, "month", fields[3], 1, 12, MONTHS, 1),
        field(expression, "day-of-week", fields[4], 1, 7, DAYS, 1),
        field(expression, "year", fields[5], 1970, 2199, List.of(), 0),
        zone);
  }

  @Override
  public Optional<Instant> latestFire(Instant after, Instant upTo) {
    Instant floor = after.isAfter(upTo.minus(LOOK_BACK)) ? after : upTo.minus(LOOK_BACK);
    ZonedDateTime t = upTo.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
    // Walks back, skipping a whole year, month, day or hour when that field does not match.
    while (t.toInstant().isAfter(floor)) {
      if (!years.get(t.getYear())) {
        t = t.withDayOfYear(1).truncatedTo(ChronoUnit.DAYS).minusMinutes(1);
      } else if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).minusMinutes(1);
      } else if (!daysOfMonth.get(t.getDayOfMonth()) || !daysOfWeek.get(t.getDayOfWeek().getValue() % 7 + 1)) {
        t = t.truncatedTo(ChronoUnit.DAYS).minusMinutes(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).minusMinutes(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.minusMinutes(1);
      } else {
        return Optional.of(t.toInstant());
      }
    }
    return Optional.empty();
  }

  private static BitSet field(String expression, String name, String text, int min, int max, List<String> names,
      int nameBase) {
    BitSet bits = new BitSet();
    if (text.equals("?") || text.equals("*")) {
      bits.set(min, max + 1);
      return bits;
    }
    for (String part : text.split(",")) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(expression, name, part.substring(slash + 1), 1, max, List.of(), 0);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = number(expression, name, ends[0], min, max, names, nameBase);
        to = number(expression, name, ends[1], min, max, names, nameBase);
      } else {
        from = number(expression, name, range, min, max, names, nameBase);
        to = slash >= 0 ? max : from;
      }
      if (from > to) {
        throw Schedule.invalid(expression, name + " range " + range + " runs backwards; write the smaller value first");
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String expression, String name, String text, int min, int max, List<String> names,
      int nameBase) {
    int index = names.indexOf(text.toUpperCase(Locale.ROOT));
    if (index >= 0) {
      return index + nameBase;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the error naming the field and its range
    }
    throw Schedule.invalid(expression, name + " value '" + text + "' must be " + min + "-" + max
        + (names.isEmpty() ? "" : " or one of " + String.join(",", names))
        + " (L, W and # are not supported)");
  }
}
