package io.berth.plans.file;

import io.berth.plans.Action;
import io.berth.plans.ResourceAddress;
import io.berth.plans.Summary;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What applying a saved plan needs, read from its file by {@link PlanFile#read}: its id and digest
 * ({@code sha256:<hex>}, checked against the file's bytes; the commit's {@code Berth-Plan-Digest}), the state
 * it was made against and what it read there ({@link io.berth.plans.Plan#reads()}), the
 * application commit it came from, the summary and changed resources for the commit message, and
 * the target state as JSON documents. The field-level detail of each change is left out: an apply
 * never shows it.
 */
public record SavedPlan(String planId, String planDigest, String stack, Optional<String> baseState,
    Map<String, String> reads, Optional<String> applicationCommit, Summary summary, List<Changed> changes,
    TargetDocuments target, List<ResourceAddress> only) {

  /** Requires every part; copies the list. */
  public SavedPlan {
    Objects.requireNonNull(planId, "planId == null");
    Objects.requireNonNull(planDigest, "planDigest == null");
    Objects.requireNonNull(stack, "stack == null");
    Objects.requireNonNull(baseState, "baseState == null");
    reads = Map.copyOf(reads);
    Objects.requireNonNull(applicationCommit, "applicationCommit == null");
    Objects.requireNonNull(summary, "summary == null");
    changes = List.copyOf(changes);
    Objects.requireNonNull(target, "target == null");
    only = List.copyOf(only);
  }

  /** One resource of the plan and what happens to it. */
  public record Changed(Action action, ResourceAddress address) {
    /** Requires both parts. */
    public Changed {
      Objects.requireNonNull(action, "action == null");
      Objects.requireNonNull(address, "address == null");
    }
  }

  /** True when the plan changes something. */
  public boolean hasChanges() {
    return !summary.isEmpty();
  }
}
