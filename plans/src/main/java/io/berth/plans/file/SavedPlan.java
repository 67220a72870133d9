package io.berth.plans.file;

import io.berth.plans.Action;
import io.berth.plans.DeclaredState;
import io.berth.plans.Plan;
import io.berth.plans.ResourceAddress;
import io.berth.plans.ResourceChange;
import io.berth.plans.Summary;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What applying a plan needs: its id, the state it was made against, the summary and the changed
 * resources for the commit message, and the target state (with its JSON when read from a file).
 * The field-level detail of each change is not part of it: an apply never shows it.
 */
public record SavedPlan(String planId, String stack, Optional<String> baseState, Summary summary,
    List<Changed> changes, DeclaredState target, TargetJson targetJson) {

  /** Requires every part; copies the list. */
  public SavedPlan {
    Objects.requireNonNull(planId, "planId == null");
    Objects.requireNonNull(stack, "stack == null");
    Objects.requireNonNull(baseState, "baseState == null");
    Objects.requireNonNull(summary, "summary == null");
    changes = List.copyOf(changes);
    Objects.requireNonNull(target, "target == null");
    Objects.requireNonNull(targetJson, "targetJson == null");
  }

  /** One resource of the plan and what happens to it. */
  public record Changed(Action action, ResourceAddress address) {
    /** Requires both parts. */
    public Changed {
      Objects.requireNonNull(action, "action == null");
      Objects.requireNonNull(address, "address == null");
    }
  }

  /** A plan in memory (e.g. just made by {@code apply --desired}), its target to be serialised. */
  public static SavedPlan of(Plan plan) {
    return new SavedPlan(plan.planId(), plan.stack(), plan.baseState(), plan.summary(),
        plan.changes().stream().map(SavedPlan::changed).toList(), plan.target(), TargetJson.none());
  }

  /** True when the plan changes something. */
  public boolean hasChanges() {
    return !summary.isEmpty();
  }

  private static Changed changed(ResourceChange change) {
    return new Changed(change.action(), change.address());
  }
}
