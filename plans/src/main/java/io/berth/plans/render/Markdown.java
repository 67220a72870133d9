package io.berth.plans.render;

import io.berth.plans.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a plan as Markdown for pull-request comments: the summary line first, one section per
 * resource, long attribute lists folded in {@code <details>}, {@code diff} blocks with the marker
 * at line start. The result is split at section boundaries into comments below
 * {@value #LIMIT} characters (GitHub's limit is 65,536).
 */
public final class Markdown {
  /** The most characters one part may have. */
  public static final int LIMIT = 65_000;
  private static final String BREAK = "<!-- berth:section -->";

  private Markdown() {}

  /** The comment parts, in order; one part for most plans. */
  public static List<String> render(Plan plan) {
    String whole = Templates.render("markdown.vm", variables(plan));
    return split(whole, plan.planId());
  }

  static MarkdownVariables variables(Plan plan) {
    return new MarkdownVariables(plan.summary().line(), plan.planId(), plan.stack(),
        plan.baseState().map(Markdown::shortId).orElse("(empty)"), PlanViews.partial(plan), "### Resources", "####", PlanViews.resources(plan),
        "### Changes outside Berth", PlanViews.outside(plan), "### Scheduler dry-run", PlanViews.dryRun(plan), "```",
        BREAK);
  }

  static String shortId(String commit) {
    return commit.substring(0, Math.min(12, commit.length()));
  }

  /** Packs sections into parts below the limit; each later part says which plan it continues. */
  static List<String> split(String whole, String planId) {
    String[] sections = whole.split("\n?" + BREAK + "\n?", -1);
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (String section : sections) {
      if (section.isBlank()) {
        continue;
      }
      if (part.length() > 0 && part.length() + section.length() + 2 > LIMIT - 200) {
        parts.add(part.toString());
        part = new StringBuilder();
      }
      if (part.length() > 0) {
        part.append("\n");
      }
      part.append(section.strip()).append("\n");
    }
    if (part.length() > 0) {
      parts.add(part.toString());
    }
    if (parts.size() > 1) {
      for (int i = 1; i < parts.size(); i++) {
        parts.set(i, "_Berth plan `" + planId + "`, part " + (i + 1) + " of " + parts.size() + " (continued)_\n\n"
            + parts.get(i));
      }
    }
    return parts;
  }
}
