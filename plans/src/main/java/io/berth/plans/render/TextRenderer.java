package io.berth.plans.render;

import io.berth.plans.Plan;

/**
 * Renders a plan for a terminal, Terraform-style: {@code +} create, {@code ~} update, {@code -/+}
 * replace, {@code -} destroy, then changes made outside Berth, the scheduler dry-run and the line
 * {@code Plan: N to add, N to change, N to destroy.}
 */
public final class TextRenderer {
  private TextRenderer() {}

  /** The text rendering; ANSI colours only when {@code colour} is true. */
  public static String render(Plan plan, boolean colour) {
    return Templates.render("text.vm", variables(plan, colour));
  }

  static TextVariables variables(Plan plan, boolean colour) {
    return new TextVariables(plan.planId(), plan.stack(), plan.baseState().map(Markdown::shortId).orElse("(empty)"),
        PlanViews.partial(plan), PlanViews.resources(plan), PlanViews.outside(plan), PlanViews.dryRun(plan), plan.summary().line(), !plan.hasChanges(),
        new Palette(colour));
  }
}
