package io.berth.model;

import java.util.List;

/** The whole desired state of one stack (document format berth/v1): what `berth plan` compares with the live state. */
public record DesiredState(
    String apiVersion,
    String stack,
    List<Cluster> clusters,
    List<Role> roles,
    List<TaskDefinition> taskDefinitions,
    List<Service> services,
    List<ServiceScaling> scaling,
    List<ExternalReference> references) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public DesiredState {
    Defaults.required(apiVersion, "apiVersion");
    Defaults.required(stack, "stack");
    clusters = Defaults.list(clusters);
    roles = Defaults.list(roles);
    taskDefinitions = Defaults.list(taskDefinitions);
    services = Defaults.list(services);
    scaling = Defaults.list(scaling);
    references = Defaults.list(references);
  }

  /** A state that refers to nothing outside the stack. */
  public DesiredState(String apiVersion, String stack, List<Cluster> clusters, List<Role> roles,
      List<TaskDefinition> taskDefinitions, List<Service> services, List<ServiceScaling> scaling) {
    this(apiVersion, stack, clusters, roles, taskDefinitions, services, scaling, List.of());
  }

  /** The document format this model writes and reads. */
  public static final String API_VERSION = "berth/v1";
}
