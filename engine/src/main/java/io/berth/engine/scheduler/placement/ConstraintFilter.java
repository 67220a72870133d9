package io.berth.engine.scheduler.placement;

import io.berth.cql.Expression;
import java.util.Optional;

/** memberOf constraints over instance properties (attributes, id, agent, registration time). */
final class ConstraintFilter implements PlacementFilter {
  @Override
  public Scope scope() {
    return Scope.PER_REQUEST;
  }

  @Override
  public boolean admits(WorkingCluster cluster, Demand demand, int i) {
    if (demand.staticMemberOf.isEmpty()) {
      return true;
    }
    for (Expression expression : demand.staticMemberOf) {
      if (!cluster.staticMatches(expression)[i]) {
        return false;
      }
    }
    return true;
  }

  /** Looks each expression's per-instance verdicts up once, not once per instance. */
  @Override
  public int filter(WorkingCluster cluster, Demand demand, int[] candidates, int n) {
    int kept = n;
    for (Expression expression : demand.staticMemberOf) {
      boolean[] matches = cluster.staticMatches(expression);
      int survivors = 0;
      for (int k = 0; k < kept; k++) {
        if (matches[candidates[k]]) {
          candidates[survivors++] = candidates[k];
        }
      }
      kept = survivors;
    }
    return kept;
  }

  @Override
  public Optional<String> veto(WorkingCluster cluster, Demand demand, int i) {
    var target = cluster.queryTarget(i);
    for (Expression expression : demand.staticMemberOf) {
      if (!expression.matches(target)) {
        return Optional.of("does not satisfy memberOf(" + expression + ")");
      }
    }
    return Optional.empty();
  }
}
