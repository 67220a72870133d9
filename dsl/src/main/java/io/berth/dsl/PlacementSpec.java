package io.berth.dsl;

import io.berth.model.ModelPaths;
import io.berth.model.PlacementStrategy;
import io.berth.model.PlacementStrategyType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service's placement strategies, applied in order (best effort):
 * {@code p -> p.spread(Field.ZONE).binpack(Resource.MEMORY)} spreads over zones and packs within.
 */
public final class PlacementSpec {
  private final String servicePath;
  private final CallSites sites;
  private final List<PlacementStrategy> strategies;

  PlacementSpec(String servicePath, CallSites sites, List<PlacementStrategy> strategies) {
    this.servicePath = servicePath;
    this.sites = sites;
    this.strategies = strategies;
  }

  /** Balances the service's tasks over {@code field}. */
  public PlacementSpec spread(Field field) {
    return add(PlacementStrategyType.SPREAD, Objects.requireNonNull(field, "field == null").apiValue());
  }

  /** Balances the service's tasks over the custom instance attribute {@code attributeName}. */
  public PlacementSpec spreadByAttribute(String attributeName) {
    return add(PlacementStrategyType.SPREAD, "attribute:" + Objects.requireNonNull(attributeName, "attributeName == null"));
  }

  /** Places on the instance with the least remaining {@code resource} that still fits. */
  public PlacementSpec binpack(Resource resource) {
    return add(PlacementStrategyType.BINPACK, Objects.requireNonNull(resource, "resource == null").apiValue());
  }

  /** Places at random among the instances that fit. */
  public PlacementSpec random() {
    sites.record(ModelPaths.element(servicePath, "placementStrategy", strategies.size()));
    strategies.add(new PlacementStrategy(PlacementStrategyType.RANDOM, Optional.empty()));
    return this;
  }

  private PlacementSpec add(PlacementStrategyType type, String field) {
    sites.record(ModelPaths.element(servicePath, "placementStrategy", strategies.size()));
    strategies.add(new PlacementStrategy(type, Optional.of(field)));
    return this;
  }
}
