package io.berth.engine.server;

import io.berth.model.Role;
import io.berth.model.ScalingMetric;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.model.TaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * What the state repository's declared ref says at one commit: the services, every stored task
 * definition revision, and the roles (for secret access).
 *
 * @param commit the declared commit id, or "" when the repository has none yet
 * @param taskDefinitions family to revision to definition
 * @param activeRevisions family to the revision the last apply made active
 * @param scaling each auto scaled service's declaration, keyed {@code cluster/service}
 * @param stacks the stack that declares each service, keyed {@code cluster/service}
 */
public record DeclaredSnapshot(
    String commit,
    List<Service> services,
    Map<String, NavigableMap<Integer, TaskDefinition>> taskDefinitions,
    Map<String, Role> roles,
    Map<String, Integer> activeRevisions,
    Map<String, ServiceScaling> scaling,
    Map<String, String> stacks) {

  /** Copies the collections. */
  public DeclaredSnapshot {
    scaling = scaling == null ? Map.of() : Map.copyOf(scaling);
    stacks = stacks == null ? Map.of() : Map.copyOf(stacks);
    services = List.copyOf(services);
    taskDefinitions = Map.copyOf(taskDefinitions);
    roles = Map.copyOf(roles);
    activeRevisions = Map.copyOf(activeRevisions);
  }

  /** Without the stacks of the services. */
  public DeclaredSnapshot(String commit, List<Service> services,
      Map<String, NavigableMap<Integer, TaskDefinition>> taskDefinitions, Map<String, Role> roles,
      Map<String, Integer> activeRevisions, Map<String, ServiceScaling> scaling) {
    this(commit, services, taskDefinitions, roles, activeRevisions, scaling, Map.of());
  }

  /** The stack that declares the service, {@code ""} when unknown. */
  public String stackOf(String cluster, String serviceName) {
    return stacks.getOrDefault(ControlPlaneSnapshot.serviceKey(cluster, serviceName), "");
  }

  /** Without auto scaling. */
  public DeclaredSnapshot(String commit, List<Service> services,
      Map<String, NavigableMap<Integer, TaskDefinition>> taskDefinitions, Map<String, Role> roles,
      Map<String, Integer> activeRevisions) {
    this(commit, services, taskDefinitions, roles, activeRevisions, Map.of());
  }

  /** Nothing declared yet. */
  public static DeclaredSnapshot none() {
    return new DeclaredSnapshot("", List.of(), Map.of(), Map.of(), Map.of());
  }

  /**
   * Whether a scaling policy of the service reads its tasks' average CPU or memory utilization, the
   * only reader of the samples agents take (requests per target come from the load balancer).
   */
  public boolean scalesOnUtilization(String cluster, String serviceName) {
    ServiceScaling service = scaling.get(ControlPlaneSnapshot.serviceKey(cluster, serviceName));
    return service != null && (service.targetTracking().stream().anyMatch(p -> readsUtilization(p.metric()))
        || service.stepScaling().stream().anyMatch(p -> readsUtilization(p.metric())));
  }

  private static boolean readsUtilization(ScalingMetric metric) {
    return switch (metric) {
      case ECSSERVICEAVERAGECPUUTILIZATION, ECSSERVICEAVERAGEMEMORYUTILIZATION -> true;
      case ALBREQUESTCOUNTPERTARGET -> false;
    };
  }

  /**
   * Resolves a service's {@code taskDefinition} reference ({@code family}, {@code family:rev} or an
   * ARN ending in either) to a revision; a bare family means its active revision ({@code stack.json})
   * or, without one, its latest.
   */
  public Optional<Revision> resolve(String reference) {
    String ref = reference.substring(reference.lastIndexOf('/') + 1);
    int colon = ref.lastIndexOf(':');
    String family = colon < 0 ? ref : ref.substring(0, colon);
    NavigableMap<Integer, TaskDefinition> revisions = taskDefinitions.get(family);
    if (revisions == null || revisions.isEmpty()) {
      return Optional.empty();
    }
    if (colon < 0) {
      Integer active = activeRevisions.get(family);
      if (active != null && revisions.containsKey(active)) {
        return Optional.of(new Revision(family, active, revisions.get(active)));
      }
      var last = revisions.lastEntry();
      return Optional.of(new Revision(family, last.getKey(), last.getValue()));
    }
    int revision;
    try {
      revision = Integer.parseInt(ref.substring(colon + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(revisions.get(revision)).map(td -> new Revision(family, revision, td));
  }

  /** A resolved task definition revision. */
  public record Revision(String family, int revision, TaskDefinition definition) {}
}
