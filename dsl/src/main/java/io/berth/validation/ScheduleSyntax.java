package io.berth.validation;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Application Auto Scaling schedule expressions: {@code at(...)}, {@code rate(...)}, {@code cron(...)}. */
final class ScheduleSyntax {
  private static final Pattern AT = Pattern.compile("at\\((.*)\\)");
  private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
  private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
  private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?,/\\-#L W]+");

  private ScheduleSyntax() {}

  /** The problem with {@code schedule}, or empty when it is valid. */
  static Optional<String> problem(String schedule) {
    Matcher at = AT.matcher(schedule);
    if (at.matches()) {
      try {
        LocalDateTime.parse(at.group(1));
        return Optional.empty();
      } catch (DateTimeParseException e) {
        return Optional.of("at(...) needs a date-time like at(2026-12-31T22:00:00), not '" + at.group(1) + "'");
      }
    }
    Matcher rate = RATE.matcher(schedule);
    if (rate.matches()) {
      long value = Long.parseLong(rate.group(1));
      boolean singular = !rate.group(2).endsWith("s");
      if (value < 1) {
        return Optional.of("rate(...) needs a positive value");
      }
      if (singular != (value == 1)) {
        return Optional.of("rate(...) uses the singular unit for 1 and the plural otherwise, e.g. rate(1 hour),"
            + " rate(5 minutes)");
      }
      return Optional.empty();
    }
    Matcher cron = CRON.matcher(schedule);
    if (cron.matches()) {
      String[] fields = cron.group(1).trim().split("\\s+");
      if (fields.length != 6) {
        return Optional.of("cron(...) needs 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), found "
            + fields.length + " in '" + cron.group(1) + "'");
      }
      for (String field : fields) {
        if (!CRON_FIELD.matcher(field).matches()) {
          return Optional.of("cron field '" + field + "' has characters cron does not allow");
        }
      }
      if (!fields[2].equals("?") && !fields[4].equals("?")) {
        return Optional.of("cron(...) needs '?' in day-of-month or day-of-week (one of them), e.g. cron(0 22 * * ? *)");
      }
      return Optional.empty();
    }
    return Optional.of("'" + schedule + "' is not at(yyyy-mm-ddThh:mm:ss), rate(n minutes|hours|days) or"
        + " cron(Min Hour DoM Month DoW Year)");
  }

  /** The problem with {@code timezone}, or empty when Java knows the zone. */
  static Optional<String> timezoneProblem(String timezone) {
    try {
      ZoneId.of(timezone);
      return Optional.empty();
    } catch (DateTimeException e) {
      return Optional.of("timezone '" + timezone + "' is not a known zone; use an IANA name such as Europe/Paris or UTC");
    }
  }
}
