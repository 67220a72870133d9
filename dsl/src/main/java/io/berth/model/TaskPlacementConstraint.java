package io.berth.model;

import java.util.Optional;

/** A memberOf constraint declared on a task definition. */
public record TaskPlacementConstraint(
    String type,
    Optional<String> expression) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public TaskPlacementConstraint {
    Defaults.required(type, "type");
    expression = Defaults.optional(expression);
  }
}
