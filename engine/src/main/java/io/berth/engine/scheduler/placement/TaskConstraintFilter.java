package io.berth.engine.scheduler.placement;

import io.berth.cql.Expression;
import java.util.Optional;

/**
 * distinctInstance, and memberOf constraints that read the tasks on the instance ({@code
 * task:group}, {@code runningTasksCount}): these change with every placement, so they are checked
 * per task.
 */
final class TaskConstraintFilter implements PlacementFilter {
  @Override
  public Scope scope() {
    return Scope.PER_TASK;
  }

  @Override
  public boolean admits(WorkingCluster cluster, Demand demand, int i) {
    if (demand.distinctInstance && cluster.groupCounts(demand.group)[i] > 0) {
      return false;
    }
    if (demand.dynamicMemberOf.isEmpty()) {
      return true;
    }
    var target = cluster.queryTarget(i);
    for (Expression expression : demand.dynamicMemberOf) {
      if (!expression.matches(target)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Optional<String> veto(WorkingCluster cluster, Demand demand, int i) {
    if (demand.distinctInstance && cluster.groupCounts(demand.group)[i] > 0) {
      return Optional.of("already runs a task of " + demand.group + " (distinctInstance)");
    }
    var target = cluster.queryTarget(i);
    for (Expression expression : demand.dynamicMemberOf) {
      if (!expression.matches(target)) {
        return Optional.of("does not satisfy memberOf(" + expression + ")");
      }
    }
    return Optional.empty();
  }

  /** Whether the demand has any per-task constraint at all (the pipeline skips this stage if not). */
  static boolean applies(Demand demand) {
    return demand.distinctInstance || !demand.dynamicMemberOf.isEmpty();
  }
}
