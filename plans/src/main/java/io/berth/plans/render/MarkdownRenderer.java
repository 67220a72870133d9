package io.berth.plans.render;

import io.berth.plans.Plan;

/** Joins the Markdown parts of a plan into one document, for {@code berth plan --format markdown}. */
public final class MarkdownRenderer {
  private MarkdownRenderer() {}

  /** All parts, separated by a horizontal rule (post each part as its own comment to stay under the limit). */
  public static String render(Plan plan) {
    return String.join("\n---\n\n", Markdown.render(plan));
  }
}
