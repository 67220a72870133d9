package io.berth.model;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the task-level {@code cpu} and {@code memory} strings of the ECS API, which accept both
 * plain units ({@code "256"}, {@code "512"}) and readable forms ({@code "0.25 vCPU"}, {@code "1 GB"}).
 */
public final class TaskSize {
  private static final Pattern CPU = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*vcpu");
  private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*gb");

  private TaskSize() {}

  /** CPU units (1024 per vCPU), or empty when the spelling is not one ECS accepts. */
  public static OptionalInt cpuUnits(String cpu) {
    return parse(cpu, CPU);
  }

  /** Memory in MiB, or empty when the spelling is not one ECS accepts. */
  public static OptionalInt memoryMib(String memory) {
    return parse(memory, MEMORY);
  }

  private static OptionalInt parse(String text, Pattern scaled) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.matches("\\d+")) {
        return OptionalInt.of(Integer.parseInt(value));
      }
      Matcher m = scaled.matcher(value);
      if (m.matches()) {
        BigDecimal units = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024));
        return units.stripTrailingZeros().scale() <= 0 ? OptionalInt.of(units.intValueExact()) : OptionalInt.empty();
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return OptionalInt.empty(); // out of int range: not a size ECS would accept either
    }
    return OptionalInt.empty();
  }
}
