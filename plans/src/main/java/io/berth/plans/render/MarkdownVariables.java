package io.berth.plans.render;

import java.util.List;

/**
 * Everything {@code markdown.vm} shows, already formatted. Headings come as text because Velocity
 * reads {@code ##} as a comment.
 */
public record MarkdownVariables(String summary, String planId, String stack, String baseState, List<String> partial,
    String resourceHeading, String resourceTitlePrefix, List<ResourceView> resources, String outsideHeading, List<OutsideView> outside,
    String dryRunHeading, DryRunView dryRun, String fence, String sectionBreak) {}
