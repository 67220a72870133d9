package io.berth.model;

import java.util.List;
import java.util.Optional;

/**
 * A cluster: a named pool of container instances, with its declared capacity and the role its
 * agents act with (the instance role, by ARN).
 */
public record Cluster(
    String name,
    List<InstanceGroup> capacity,
    Optional<String> instanceRoleArn) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public Cluster {
    Defaults.required(name, "name");
    capacity = Defaults.list(capacity);
    instanceRoleArn = Defaults.optional(instanceRoleArn);
  }

  /** A cluster without an instance role (kept so code written before roles on clusters compiles). */
  public Cluster(String name, List<InstanceGroup> capacity) {
    this(name, capacity, Optional.empty());
  }
}
