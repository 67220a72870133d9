package io.berth.engine.scheduler.placement;

import io.berth.cql.Condition;
import io.berth.cql.Cql;
import io.berth.cql.CqlSyntaxException;
import io.berth.cql.Expression;
import io.berth.cql.Subject;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.TaskRequirements;
import io.berth.model.PlacementConstraint;
import io.berth.model.PlacementConstraintType;
import io.berth.model.PlacementStrategy;
import io.berth.model.PlacementStrategyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A placement request compiled for the pipeline: parsed constraints and the effective strategy.
 * Compile it once and place it on as many instances as needed (a daemon's instances one by one).
 */
public final class Demand {
  /** ECS's default for a service without a strategy: spread over zones, then over instances. */
  public static final List<PlacementStrategy> DEFAULT_STRATEGY = List.of(
      new PlacementStrategy(PlacementStrategyType.SPREAD, Optional.of("attribute:" + ContainerInstance.ZONE)),
      new PlacementStrategy(PlacementStrategyType.SPREAD, Optional.of("instanceId")));

  final String group;
  final TaskRequirements requirements;
  final List<PlacementStrategy> strategies;
  final boolean distinctInstance;
  /** memberOf expressions over instance properties that placements do not change. */
  final List<Expression> staticMemberOf = new ArrayList<>();
  /** memberOf expressions that read task groups or task counts, so they change as tasks are placed. */
  final List<Expression> dynamicMemberOf = new ArrayList<>();
  /** A memberOf expression that does not parse: nothing can be placed. */
  final Optional<String> invalidConstraint;

  /** Parses the request's memberOf expressions; one that does not parse makes the demand unplaceable. */
  public Demand(PlacementRequest request) {
    this.group = request.group();
    this.requirements = request.requirements();
    this.strategies = request.strategies().isEmpty() ? DEFAULT_STRATEGY : request.strategies();
    boolean distinct = false;
    String invalid = null;
    for (PlacementConstraint constraint : request.constraints()) {
      if (constraint.type() == PlacementConstraintType.DISTINCTINSTANCE) {
        distinct = true;
        continue;
      }
      String text = constraint.expression().orElse("");
      try {
        Expression expression = Cql.parse(text);
        (readsTasks(expression) ? dynamicMemberOf : staticMemberOf).add(expression);
      } catch (CqlSyntaxException e) {
        invalid = "the memberOf constraint is not valid Cluster Query Language: " + e.problem()
            + " at position " + e.position() + " in '" + text + "'; fix the expression in the service definition";
      }
    }
    this.distinctInstance = distinct;
    this.invalidConstraint = Optional.ofNullable(invalid);
  }

  /** What one task needs on an instance. */
  public TaskRequirements requirements() {
    return requirements;
  }

  /** Why nothing can be placed, when a memberOf expression does not parse. */
  public Optional<String> invalidConstraint() {
    return invalidConstraint;
  }

  static boolean readsTasks(Expression expression) {
    if (expression instanceof Condition) {
      Subject.Kind kind = ((Condition) expression).subject().kind();
      return kind == Subject.Kind.TASK_GROUP || kind == Subject.Kind.RUNNING_TASKS_COUNT;
    }
    if (expression instanceof Expression.And) {
      return readsTasks(((Expression.And) expression).left()) || readsTasks(((Expression.And) expression).right());
    }
    if (expression instanceof Expression.Or) {
      return readsTasks(((Expression.Or) expression).left()) || readsTasks(((Expression.Or) expression).right());
    }
    return readsTasks(((Expression.Not) expression).operand());
  }

  /** How the constraints read in a sentence, e.g. "matching memberOf(attribute:x == y)". */
  String constraintPhrase() {
    List<String> parts = new ArrayList<>();
    staticMemberOf.forEach(e -> parts.add("memberOf(" + e + ")"));
    dynamicMemberOf.forEach(e -> parts.add("memberOf(" + e + ")"));
    return parts.isEmpty() ? "" : " matching " + String.join(" and ", parts);
  }
}
