package io.berth.plans;

import io.berth.model.Cluster;
import io.berth.model.ExternalReference;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The declared state of one stack as the state repository holds it: what the last apply made true,
 * or what an apply will make true. Unlike the DSL's desired state, task definitions carry their
 * revision and services name the revision they run ({@code web:3}). Lists are kept sorted so that
 * the same state always serialises to the same bytes. {@code references} are the clusters and Berth
 * roles of other stacks it uses (by name; an IAM role named by a foreign ARN is not one).
 */
public record DeclaredState(
    String stack,
    List<Role> roles,
    List<Cluster> clusters,
    List<TaskDefinitionRevision> taskDefinitions,
    List<Service> services,
    List<ServiceScaling> scaling,
    List<ExternalReference> references) {

  /** Sorts every list by identity. */
  public DeclaredState {
    Objects.requireNonNull(stack, "stack == null");
    roles = sorted(roles, Comparator.comparing(Role::name));
    clusters = sorted(clusters, Comparator.comparing(Cluster::name));
    taskDefinitions = sorted(taskDefinitions, Comparator.comparing(TaskDefinitionRevision::family));
    services = sorted(services, Comparator.comparing(DeclaredState::key));
    scaling = sorted(scaling, Comparator.comparing(DeclaredState::key));
    references = sorted(references, Comparator.comparing(ExternalReference::kind)
        .thenComparing(ExternalReference::name)).stream().distinct().toList();
  }

  /** A state that uses nothing of another stack. */
  public DeclaredState(String stack, List<Role> roles, List<Cluster> clusters,
      List<TaskDefinitionRevision> taskDefinitions, List<Service> services, List<ServiceScaling> scaling) {
    this(stack, roles, clusters, taskDefinitions, services, scaling, List.of());
  }

  /** A state declaring nothing, as before the first apply. */
  public static DeclaredState empty(String stack) {
    return new DeclaredState(stack, List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** The id of a service in plans and in the repository: {@code <cluster>/<serviceName>}. */
  public static String key(Service service) {
    return service.cluster() + "/" + service.serviceName();
  }

  /** The id of a scaling declaration: the service it scales, {@code <cluster>/<service>}. */
  public static String key(ServiceScaling scaling) {
    return scaling.cluster() + "/" + scaling.service();
  }

  private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
    return list == null ? List.of() : list.stream().sorted(order).toList();
  }
}
