package io.berth.plans.render;

import java.util.List;

/** Everything {@code text.vm} shows, already formatted. */
public record TextVariables(String planId, String stack, String baseState, List<String> partial,
    List<ResourceView> resources,
    List<OutsideView> outside, DryRunView dryRun, String summary, boolean noChanges, Palette palette) {}
