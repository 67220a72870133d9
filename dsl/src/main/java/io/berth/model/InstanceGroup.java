package io.berth.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Declared capacity of a cluster: count hosts of one shape (used by the plan's scheduler dry-run and by `berth up`). */
public record InstanceGroup(
    String name,
    Integer count,
    Integer cpu,
    Integer memory,
    List<String> zones,
    Optional<String> instanceType,
    Map<String, String> attributes) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public InstanceGroup {
    Defaults.required(name, "name");
    Defaults.required(count, "count");
    Defaults.required(cpu, "cpu");
    Defaults.required(memory, "memory");
    zones = Defaults.list(zones);
    instanceType = Defaults.optional(instanceType);
    attributes = Defaults.map(attributes);
  }
}
