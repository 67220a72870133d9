package io.berth.engine.balancer;

import java.util.ArrayList;
import java.util.List;

/**
 * The status codes a health check accepts, parsed from ELB's matcher syntax: {@code "200"},
 * {@code "200-299"}, {@code "200,204"} or a mix. The DSL has checked the syntax at compile time.
 */
public record StatusMatcher(String text, List<int[]> ranges) {

  /** Copies the ranges. */
  public StatusMatcher {
    ranges = List.copyOf(ranges);
  }

  /** Parses {@code text}; throws naming the matcher when it is not ELB's syntax. */
  public static StatusMatcher parse(String text) {
    List<int[]> ranges = new ArrayList<>();
    for (String part : text.split(",")) {
      String[] bounds = part.trim().split("-");
      try {
        int low = Integer.parseInt(bounds[0].trim());
        int high = bounds.length > 1 ? Integer.parseInt(bounds[1].trim()) : low;
        ranges.add(new int[] {low, high});
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("health check matcher '" + text + "' is not a list of status codes or"
            + " ranges such as 200-299,302");
      }
    }
    return new StatusMatcher(text, ranges);
  }

  /** Whether {@code status} passes. */
  public boolean matches(int status) {
    for (int[] range : ranges) {
      if (status >= range[0] && status <= range[1]) {
        return true;
      }
    }
    return false;
  }
}
