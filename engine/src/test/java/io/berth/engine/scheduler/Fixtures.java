package io.berth.engine.scheduler;

import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.model.ContainerDefinition;
import io.berth.model.DeploymentCircuitBreaker;
import io.berth.model.DeploymentConfiguration;
import io.berth.model.HealthCheck;
import io.berth.model.PlacementConstraint;
import io.berth.model.PlacementConstraintType;
import io.berth.model.PlacementStrategy;
import io.berth.model.PlacementStrategyType;
import io.berth.model.PortMapping;
import io.berth.model.SchedulingStrategy;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small builders for model records in the tests of the scheduler and its subpackages (the model's
 * compact constructors turn nulls into empties).
 */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** Six instances, two per zone, with different free memory: i-04 has the least, i-06 the most. */
  public static final List<ContainerInstance> THREE_ZONES = List.of(
      instance("i-01", "zone-a", 4096, 4096), instance("i-02", "zone-a", 4096, 2048),
      instance("i-03", "zone-b", 4096, 4096), instance("i-04", "zone-b", 4096, 1024),
      instance("i-05", "zone-c", 4096, 3072), instance("i-06", "zone-c", 4096, 8192));

  private Fixtures() {}

  /** Builds a record from named components; the rest are null (normalised by the record). */
  public static <T extends Record> T record(Class<T> type, Map<String, Object> values) {
    try {
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      Object[] args = new Object[components.length];
      for (int k = 0; k < components.length; k++) {
        types[k] = components[k].getType();
        args[k] = values.get(components[k].getName());
      }
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ContainerDefinition container(String name, int cpu, int memory, List<PortMapping> ports, boolean healthCheck) {
    return record(ContainerDefinition.class, Map.of("name", name, "image", Optional.of("busybox"),
        "cpu", Optional.of(cpu), "memory", Optional.of(memory), "portMappings", ports,
        "healthCheck", healthCheck
            ? Optional.of(new HealthCheck(List.of("CMD", "true"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
            : Optional.empty()));
  }

  public static PortMapping port(int containerPort, int hostPort) {
    return new PortMapping(Optional.of(containerPort), Optional.of(hostPort), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  public static TaskDefinition taskDefinition(String family, int cpu, int memory) {
    return taskDefinition(family, List.of(container("app", cpu, memory, List.of(), false)));
  }

  public static TaskDefinition taskDefinition(String family, List<ContainerDefinition> containers) {
    return record(TaskDefinition.class, Map.of("family", family, "containerDefinitions", containers));
  }

  public static Service service(String name, int desired, List<PlacementStrategy> strategies, List<PlacementConstraint> constraints,
      int minPercent, int maxPercent, boolean breaker) {
    return service(name, SchedulingStrategy.REPLICA, desired, strategies, constraints, minPercent, maxPercent, breaker);
  }

  public static Service service(String name, SchedulingStrategy strategy, int desired, List<PlacementStrategy> strategies,
      List<PlacementConstraint> constraints, int minPercent, int maxPercent, boolean breaker) {
    DeploymentConfiguration config = new DeploymentConfiguration(maxPercent, minPercent,
        breaker ? Optional.of(new DeploymentCircuitBreaker(true, true)) : Optional.empty());
    return new Service(name, "default", name, Optional.empty(), strategy, Optional.of(desired), strategies,
        constraints, config, Optional.empty(), List.of());
  }

  public static PlacementStrategy spread(String field) {
    return new PlacementStrategy(PlacementStrategyType.SPREAD, Optional.of(field));
  }

  public static PlacementStrategy binpack(String field) {
    return new PlacementStrategy(PlacementStrategyType.BINPACK, Optional.of(field));
  }

  public static PlacementStrategy random() {
    return new PlacementStrategy(PlacementStrategyType.RANDOM, Optional.empty());
  }

  public static PlacementConstraint memberOf(String expression) {
    return new PlacementConstraint(PlacementConstraintType.MEMBEROF, Optional.of(expression));
  }

  public static PlacementConstraint distinctInstance() {
    return new PlacementConstraint(PlacementConstraintType.DISTINCTINSTANCE, Optional.empty());
  }

  /** {@code count} instances i-01.. of cpu/memory, zones assigned round-robin from {@code zones}. */
  public static List<ContainerInstance> instances(int count, int cpu, int memory, String... zones) {
    List<ContainerInstance> out = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      out.add(ContainerInstance.active(String.format("i-%02d", n), zones[(n - 1) % zones.length], cpu, memory, T0));
    }
    return out;
  }

  public static ContainerInstance instance(String id, String zone, int cpu, int memory) {
    return ContainerInstance.active(id, zone, cpu, memory, T0);
  }

  /** A RUNNING task of {@code group} on {@code instanceId}. */
  public static Task running(String taskId, String group, String instanceId, int cpu, int memory, List<PortBinding> ports) {
    return new Task(taskId, group, "x:1", Optional.empty(), instanceId, TaskStatus.RUNNING, TaskStatus.RUNNING,
        HealthStatus.UNKNOWN, cpu, memory, ports, T0, Optional.of(T0), Optional.empty());
  }
}
