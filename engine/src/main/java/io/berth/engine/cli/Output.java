package io.berth.engine.cli;

/** Terminal facts the renderers need: colour only on a terminal and never with {@code NO_COLOR}. */
final class Output {
  private Output() {}

  static boolean colour(boolean disabled) {
    return colour(disabled, System.console() != null, System.getenv("NO_COLOR"));
  }

  /** Colour when not disabled by flag, writing to a terminal, and {@code NO_COLOR} unset or empty. */
  static boolean colour(boolean disabled, boolean terminal, String noColor) {
    return !disabled && terminal && (noColor == null || noColor.isEmpty());
  }
}
