package io.berth.dsl;

import io.berth.model.PlacementConstraint;
import io.berth.model.PlacementConstraintType;
import java.util.Objects;
import java.util.Optional;

/**
 * A binding placement constraint of a service: {@code Constraint.distinctInstance()} or
 * {@code Constraint.memberOf("attribute:ecs.instance-type =~ t3.*")} (cluster query language).
 */
public final class Constraint {
  private final PlacementConstraint constraint;

  private Constraint(PlacementConstraint constraint) {
    this.constraint = constraint;
  }

  /** Every task of the service on a different container instance. */
  public static Constraint distinctInstance() {
    return new Constraint(new PlacementConstraint(PlacementConstraintType.DISTINCTINSTANCE, Optional.empty()));
  }

  /** Only instances matching {@code expression}, e.g. {@code attribute:ecs.availability-zone in [zone-a, zone-b]}. */
  public static Constraint memberOf(String expression) {
    Objects.requireNonNull(expression, "memberOf expression == null");
    return new Constraint(new PlacementConstraint(PlacementConstraintType.MEMBEROF, Optional.of(expression)));
  }

  PlacementConstraint toModel() {
    return constraint;
  }

  @Override
  public String toString() {
    return constraint.type().apiValue() + constraint.expression().map(e -> "(" + e + ")").orElse("");
  }
}
