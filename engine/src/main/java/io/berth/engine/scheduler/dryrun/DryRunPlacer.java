package io.berth.engine.scheduler.dryrun;

import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskRequirements;
import io.berth.engine.scheduler.placement.Demand;
import io.berth.engine.scheduler.placement.PlacementPipeline;
import io.berth.engine.scheduler.placement.PlacementRequest;
import io.berth.engine.scheduler.placement.PlacementResult;
import io.berth.engine.scheduler.placement.WorkingCluster;
import io.berth.model.Cluster;
import io.berth.model.DesiredState;
import io.berth.model.InstanceGroup;
import io.berth.model.PlacementConstraint;
import io.berth.model.PlacementConstraintType;
import io.berth.model.SchedulingStrategy;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import io.berth.model.TaskPlacementConstraint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The scheduler dry-run for {@code berth plan} (like Nomad's {@code job plan}): would the tasks of
 * the services a plan creates or changes fit? It places them against the last runtime snapshot of
 * their cluster when there is one (after removing the tasks they would replace), or else against
 * the cluster's declared capacity ({@code Cluster.capacity()} instance groups, synthesised as
 * instances {@code <group>-<n>} spread round-robin over the group's zones).
 *
 * <pre>{@code
 * DryRunReport report = DryRunPlacer.run(desired, Set.of("web", "worker"), Map.of("prod", snapshot));
 * report.lines().forEach(System.out::println);   // "Scheduler dry-run:" then one line per service
 * }</pre>
 */
public final class DryRunPlacer {
  private static final Instant EPOCH = Instant.EPOCH;

  private DryRunPlacer() {}

  /**
   * Places the services named in {@code services} (all services when empty).
   *
   * @param services service names ({@code web}) or keys ({@code prod/web}) to report on
   * @param runtime the last runtime snapshot per cluster name; clusters without one use declared capacity
   */
  public static DryRunReport run(DesiredState desired, Set<String> services, Map<String, ClusterSnapshot> runtime) {
    return run(desired.clusters(), desired.taskDefinitions(), desired.services(), services, runtime);
  }

  /**
   * The same, from the parts of a declared state (for callers that hold task definitions with
   * revisions: pass the definitions, the family is what matters).
   */
  public static DryRunReport run(List<Cluster> clusters, List<TaskDefinition> taskDefinitions, List<Service> allServices,
      Set<String> services, Map<String, ClusterSnapshot> runtime) {
    List<ServiceDryRun> verdicts = new ArrayList<>();
    Map<String, TaskDefinition> definitions = new HashMap<>();
    taskDefinitions.forEach(td -> definitions.put(td.family(), td));
    Map<String, List<Service>> byCluster = new TreeMap<>();
    for (Service service : allServices) {
      byCluster.computeIfAbsent(service.cluster(), c -> new ArrayList<>()).add(service);
    }
    boolean anyRuntime = false;
    for (Map.Entry<String, List<Service>> entry : byCluster.entrySet()) {
      String clusterName = entry.getKey();
      List<Service> inScope = new ArrayList<>();
      for (Service s : entry.getValue()) {
        if (services.isEmpty() || services.contains(s.serviceName()) || services.contains(clusterName + "/" + s.serviceName())) {
          inScope.add(s);
        }
      }
      if (inScope.isEmpty()) {
        continue;
      }
      Optional<ClusterSnapshot> live = Optional.ofNullable(runtime.get(clusterName));
      anyRuntime |= live.isPresent();
      ClusterSnapshot snapshot = live.map(s -> withoutServices(s, inScope))
          .orElseGet(() -> declared(clusterName, clusters));
      // Without a runtime nothing runs yet, so every service of the cluster competes for the capacity.
      List<Service> toPlace = live.isPresent() ? inScope : entry.getValue();
      toPlace = new ArrayList<>(toPlace);
      toPlace.sort(Comparator.comparing((Service s) -> s.schedulingStrategy() != SchedulingStrategy.DAEMON)
          .thenComparing(Service::serviceName));
      WorkingCluster cluster = new WorkingCluster(snapshot);
      for (Service service : toPlace) {
        ServiceDryRun verdict = place(cluster, clusterName, service, definitions);
        if (inScope.contains(service)) {
          verdicts.add(verdict);
        }
      }
    }
    return new DryRunReport(verdicts, anyRuntime ? "runtime" : "declared capacity");
  }

  private static ServiceDryRun place(WorkingCluster cluster, String clusterName, Service service,
      Map<String, TaskDefinition> definitions) {
    String family = service.taskDefinition().contains(":")
        ? service.taskDefinition().substring(0, service.taskDefinition().indexOf(':')) : service.taskDefinition();
    TaskDefinition definition = definitions.get(family);
    if (definition == null) {
      return new ServiceDryRun(clusterName, service.serviceName(), service.taskDefinition(), service.desiredCount().orElse(0), 0, Map.of(),
          Optional.of("task definition family '" + family + "' is not in the stack; declare it or fix the service's taskDefinition"));
    }
    List<PlacementConstraint> constraints = new ArrayList<>(service.placementConstraints());
    for (TaskPlacementConstraint c : definition.placementConstraints()) {
      constraints.add(new PlacementConstraint(PlacementConstraintType.MEMBEROF, c.expression()));
    }
    String group = "service:" + service.serviceName();
    TaskRequirements requirements;
    try {
      requirements = TaskRequirements.of(definition);
    } catch (IllegalArgumentException e) {
      return new ServiceDryRun(clusterName, service.serviceName(), service.taskDefinition(), service.desiredCount().orElse(0), 0, Map.of(),
          Optional.of(e.getMessage()));
    }
    Map<String, Integer> where = new LinkedHashMap<>();
    if (service.schedulingStrategy() == SchedulingStrategy.DAEMON) {
      Demand demand = new Demand(new PlacementRequest(group, requirements, List.of(), constraints, 1));
      int wanted = 0;
      List<String> reasons = new ArrayList<>();
      for (int i = 0; i < cluster.size(); i++) {
        if (!PlacementPipeline.eligible(cluster, demand, i)) {
          continue;
        }
        wanted++;
        if (PlacementPipeline.fits(cluster, demand, i)) {
          where.merge(PlacementPipeline.select(cluster, demand, i).instanceId(), 1, Integer::sum);
        } else {
          String instanceId = cluster.instance(i).instanceId();
          PlacementPipeline.firstVeto(cluster, demand, i).ifPresent(veto -> reasons.add("instance " + instanceId + ": " + veto));
        }
      }
      return new ServiceDryRun(clusterName, service.serviceName(), service.taskDefinition(), wanted, where.size(), sorted(where),
          reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons)));
    }
    int count = service.desiredCount().orElse(0);
    PlacementRequest request = new PlacementRequest(group, requirements, service.placementStrategy(), constraints, count);
    PlacementResult result = PlacementPipeline.place(cluster, new Demand(request), count, new SplittableRandom(0));
    result.placements().forEach(p -> where.merge(p.instanceId(), 1, Integer::sum));
    return new ServiceDryRun(clusterName, service.serviceName(), service.taskDefinition(), count, result.placements().size(), sorted(where), result.reason());
  }

  private static Map<String, Integer> sorted(Map<String, Integer> where) {
    return new TreeMap<>(where);
  }

  private static ClusterSnapshot withoutServices(ClusterSnapshot snapshot, List<Service> services) {
    Set<String> groups = new HashSet<>();
    services.forEach(s -> groups.add("service:" + s.serviceName()));
    List<Task> kept = new ArrayList<>();
    snapshot.tasks().forEach(t -> {
      if (!groups.contains(t.group())) {
        kept.add(t);
      }
    });
    return snapshot.withTasks(kept);
  }

  /** Instances synthesised from a cluster's declared capacity. */
  static ClusterSnapshot declared(String clusterName, List<Cluster> clusters) {
    List<ContainerInstance> instances = new ArrayList<>();
    clusters.stream().filter(c -> c.name().equals(clusterName)).findFirst().ifPresent(cluster -> {
      for (InstanceGroup group : cluster.capacity()) {
        for (int n = 1; n <= group.count(); n++) {
          Map<String, String> attributes = new TreeMap<>(group.attributes());
          if (!group.zones().isEmpty()) {
            attributes.put(ContainerInstance.ZONE, group.zones().get((n - 1) % group.zones().size()));
          }
          group.instanceType().ifPresent(type -> attributes.put(ContainerInstance.INSTANCE_TYPE, type));
          instances.add(new ContainerInstance(group.name() + "-" + n, InstanceStatus.ACTIVE, true, "declared", EPOCH,
              attributes, group.cpu(), group.memory(), ContainerInstance.DEFAULT_RESERVED_PORTS));
        }
      }
    });
    return new ClusterSnapshot(clusterName, instances, List.of());
  }
}
