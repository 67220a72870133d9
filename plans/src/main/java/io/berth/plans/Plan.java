package io.berth.plans;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Optional;

/**
 * A plan document (format {@value #FORMAT_VERSION}): what {@code berth plan} found and what
 * {@code berth apply} will write. It records the state commit it was made against and what it read
 * there ({@code reads}: each path of the state's tree it read, with the Git object id it had; an
 * apply refuses the plan once one of them changed), a digest of the desired input, the application
 * repository's commit it came from (when known) and the tool version, and carries the complete
 * {@code target} declared state, so applying needs nothing but this document. A partial plan
 * ({@code --only}) says what it covers in {@code partial}; its target is still the whole stack. The JSON file and
 * every rendering are projections of this record; the same inputs give the same bytes.
 */
public record Plan(
    int formatVersion,
    String planId,
    String toolVersion,
    String stack,
    Optional<String> baseState,
    Map<String, String> reads,
    String desiredDigest,
    Optional<String> applicationCommit,
    Optional<Partial> partial,
    Summary summary,
    List<ResourceChange> changes,
    List<OutsideChange> outsideChanges,
    DryRun dryRun,
    DeclaredState target) {

  /**
   * The plan file format this code writes and reads. 3: the saved file is compact and carries a
   * {@code planDigest} of the whole file (see {@code io.berth.plans.file.PlanFile}); 2 digested
   * only its target; 1 was pretty-printed.
   */
  public static final int FORMAT_VERSION = 3;

  /** Copies the lists and checks the summary matches the changes. */
  public Plan {
    Objects.requireNonNull(planId, "planId == null");
    Objects.requireNonNull(toolVersion, "toolVersion == null");
    Objects.requireNonNull(stack, "stack == null");
    baseState = baseState == null ? Optional.empty() : baseState;
    reads = Collections.unmodifiableMap(new TreeMap<>(reads == null ? Map.of() : reads));
    Objects.requireNonNull(desiredDigest, "desiredDigest == null");
    applicationCommit = applicationCommit == null ? Optional.empty() : applicationCommit;
    partial = partial == null ? Optional.empty() : partial;
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
    return new Plan(formatVersion, planId, toolVersion, stack, baseState, reads, desiredDigest, applicationCommit,
        partial, summary, changes, outsideChanges, newDryRun, target);
  }

  /** The same plan naming the application repository's commit its desired state was built from. */
  public Plan withApplicationCommit(Optional<String> commit) {
    return new Plan(formatVersion, planId, toolVersion, stack, baseState, reads, desiredDigest, commit, partial,
        summary, changes, outsideChanges, dryRun, target);
  }

  /**
   * The same plan covering only part of the stack: {@code changes} and {@code target} as {@link
   * io.berth.plans.diff.Targeting} restricted them, the summary counted again.
   */
  public Plan withPartial(Partial covered, List<ResourceChange> restricted, DeclaredState restrictedTarget) {
    return new Plan(formatVersion, planId, toolVersion, stack, baseState, reads, desiredDigest, applicationCommit,
        Optional.of(covered), Summary.of(restricted), restricted, outsideChanges, dryRun, restrictedTarget);
  }

  /** The path {@code reads} uses for the whole tree of the state (today's plans read all of it). */
  public static final String WHOLE_STATE = "";
}
