package io.berth.model;

import java.util.Optional;

/** One rule of a placement strategy: binpack(cpu|memory), spread(field) or random. */
public record PlacementStrategy(
    PlacementStrategyType type,
    Optional<String> field) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public PlacementStrategy {
    Defaults.required(type, "type");
    field = Defaults.optional(field);
  }
}
