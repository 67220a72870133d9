package io.berth.engine.cli;

/** Terminal facts the renderers need: colour only on a terminal and never with {@code NO_COLOR}. */
final class Output {
  private Output() {}

  static boolean colour(boolean disabled) {
    String noColor = System.getenv("NO_COLOR");
    return !disabled && System.console() != null && (noColor == null || noColor.isEmpty());
  }
}
