package io.berth.plans.render;

import java.util.List;

/** The scheduler dry-run as sentences: one per placement, one per failure. */
public record DryRunView(boolean ran, String note, List<String> placements, List<String> failures) {}
