package io.berth.plans.render;

import java.util.List;

/**
 * One resource as the templates show it: marker, title ({@code service "prod/web"}), a sentence
 * saying what happens, attribute lines (shortened past a limit, {@code hiddenLines} says how many
 * were left out) and notes.
 */
public record ResourceView(String marker, String action, String title, String headline,
    List<LineView> lines, List<LineView> diffLines, List<String> notes, int hiddenLines) {

  /** True when the attribute list is long enough to fold away in Markdown. */
  public boolean folded() {
    return diffLines.size() > 6;
  }

  /** True when some lines were left out. */
  public boolean truncated() {
    return hiddenLines > 0;
  }
}
