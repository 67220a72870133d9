package io.berth.model;

/** A container that must reach a condition before this one starts. */
public record ContainerDependency(
    String containerName,
    ContainerCondition condition) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public ContainerDependency {
    Defaults.required(containerName, "containerName");
    Defaults.required(condition, "condition");
  }
}
