package io.berth.engine.cli;

import java.time.Duration;
import picocli.CommandLine;

/** Reads durations as people write them: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.trim();
    if (v.startsWith("-")) {
      throw new CommandLine.TypeConversionException("'" + value + "' is negative; write a duration of zero or more"
          + " like 0s, 500ms, 10s, 2m or 1h");
    }
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long amount = Long.parseLong(v.substring(0, v.length() - 1));
      switch (v.charAt(v.length() - 1)) {
        case 's': return Duration.ofSeconds(amount);
        case 'm': return Duration.ofMinutes(amount);
        case 'h': return Duration.ofHours(amount);
        default: break;
      }
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      // Falls through to the error naming the accepted forms.
    }
    throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; write it like 500ms, 10s, 2m or 1h");
  }

  /** {@code duration} as {@link #convert} reads it: {@code 90s}, {@code 10m}, {@code 1h}, {@code 500ms}. */
  static String show(Duration duration) {
    if (duration.toMillisPart() != 0) {
      return duration.toMillis() + "ms";
    }
    long seconds = duration.toSeconds();
    return seconds % 3600 == 0 && seconds > 0 ? seconds / 3600 + "h" : seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "m"
        : seconds + "s";
  }
}
