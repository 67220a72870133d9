package io.berth.model;

import java.util.Optional;

/** A placement constraint: distinctInstance, or memberOf with a Cluster Query Language expression. */
public record PlacementConstraint(
    PlacementConstraintType type,
    Optional<String> expression) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public PlacementConstraint {
    Defaults.required(type, "type");
    expression = Defaults.optional(expression);
  }
}
