package io.berth.model;

import java.util.List;

/** A cluster: a named pool of container instances, with its declared capacity. */
public record Cluster(
    String name,
    List<InstanceGroup> capacity) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public Cluster {
    Defaults.required(name, "name");
    capacity = Defaults.list(capacity);
  }
}
