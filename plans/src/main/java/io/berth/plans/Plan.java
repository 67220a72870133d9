package io.berth.plans;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan document (format {@value #FORMAT_VERSION}): what {@code berth plan} found and what
 * {@code berth apply} will write. It records the state commit it was made against (an apply refuses
 * it once the state moved), a digest of the desired input and the tool version, and carries the
 * complete {@code target} declared state, so applying needs nothing but this document. The JSON
 * file and every rendering are projections of this record; the same inputs give the same bytes.
 */
public record Plan(
    int formatVersion,
    String planId,
    String toolVersion,
    String stack,
    Optional<String> baseState,
    String desiredDigest,
    Summary summary,
    List<ResourceChange> changes,
    List<OutsideChange> outsideChanges,
    DryRun dryRun,
    DeclaredState target) {

  /**
   * The plan file format this code writes and reads. 2: the saved file is compact and carries a
   * {@code targetDigest} (see {@code io.berth.plans.file.PlanFile}); 1 was pretty-printed.
   */
  public static final int FORMAT_VERSION = 2;

  /** Copies the lists and checks the summary matches the changes. */
  public Plan {
    Objects.requireNonNull(planId, "planId == null");
    Objects.requireNonNull(toolVersion, "toolVersion == null");
    Objects.requireNonNull(stack, "stack == null");
    baseState = baseState == null ? Optional.empty() : baseState;
    Objects.requireNonNull(desiredDigest, "desiredDigest == null");
    changes = changes == null ? List.of() : List.copyOf(changes);
    outsideChanges = outsideChanges == null ? List.of() : List.copyOf(outsideChanges);
    Objects.requireNonNull(dryRun, "dryRun == null");
    Objects.requireNonNull(target, "target == null");
    if (summary == null) {
      summary = Summary.of(changes);
    }
  }

  /** True when the plan changes something (the {@code --detailed-exitcode} 2 case). */
  public boolean hasChanges() {
    return !summary.isEmpty();
  }

  /** The same plan with another dry run, for the planner to attach the scheduler's answer. */
  public Plan withDryRun(DryRun newDryRun) {
    return new Plan(formatVersion, planId, toolVersion, stack, baseState, desiredDigest, summary,
        changes, outsideChanges, newDryRun, target);
  }
}
