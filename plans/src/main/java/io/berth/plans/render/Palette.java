package io.berth.plans.render;

/**
 * ANSI colours for the text renderer, or none: green adds, yellow changes, red destroys, as in
 * Terraform. The CLI chooses colour only for a terminal and never when {@code NO_COLOR} is set.
 */
public record Palette(boolean enabled) {
  private static final String RESET = "\u001b[0m";

  /** The escape that starts a line with {@code marker}, or nothing without colour. */
  public String paint(String marker) {
    if (!enabled) {
      return "";
    }
    return switch (marker) {
      case "+" -> "\u001b[32m";
      case "-" -> "\u001b[31m";
      case "~" -> "\u001b[33m";
      case "-/+" -> "\u001b[35m";
      default -> "";
    };
  }

  /** The escape for bold text, or nothing. */
  public String bold() {
    return enabled ? "\u001b[1m" : "";
  }

  /** The escape ending a colour, or nothing. */
  public String reset() {
    return enabled ? RESET : "";
  }
}
