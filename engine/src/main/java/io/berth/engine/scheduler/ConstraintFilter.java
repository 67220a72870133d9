package io.berth.engine.scheduler;

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
