package io.berth.engine.scheduler.bench;

import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.TaskRequirements;
import io.berth.engine.scheduler.placement.PlacementRequest;
import io.berth.engine.scheduler.placement.PlacementResult;
import io.berth.engine.scheduler.placement.PlacementSession;
import io.berth.model.PlacementConstraint;
import io.berth.model.PlacementConstraintType;
import io.berth.model.PlacementStrategy;
import io.berth.model.PlacementStrategyType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Placement throughput at cluster scale, on one thread (measured in that thread's CPU time, so a
 * busy machine does not distort it; wall time is printed too): N tasks (100 services of N/100 tasks) on
 * 5,000 instances in 3 zones with spread(attribute:ecs.availability-zone) + binpack(memory) and a
 * memberOf constraint that excludes 10% of the instances. Prints placements per second and the
 * heap for N = 1,000 .. 100,000: "peak heap" is the heap pools' peak during the run (garbage
 * included), "live after" the heap still used after a full GC with the session (all placements)
 * still reachable. Run with {@code scripts/bench-scheduler}.
 */
public final class PlacementBenchmark {
  private static final int INSTANCES = 5_000;
  private static final String[] ZONES = {"zone-a", "zone-b", "zone-c"};
  private static final List<PlacementStrategy> STRATEGY = List.of(
      new PlacementStrategy(PlacementStrategyType.SPREAD, Optional.of("attribute:ecs.availability-zone")),
      new PlacementStrategy(PlacementStrategyType.BINPACK, Optional.of("memory")));
  private static final List<PlacementConstraint> CONSTRAINTS = List.of(
      new PlacementConstraint(PlacementConstraintType.MEMBEROF, Optional.of("attribute:ecs.instance-type != t2.micro")));
  private static final TaskRequirements TASK = new TaskRequirements(128, 512, List.of());

  private PlacementBenchmark() {}

  public static void main(String[] args) {
    int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
        : new int[] {1_000, 3_000, 10_000, 30_000, 100_000};
    ClusterSnapshot cluster = cluster();
    System.out.printf("warm-up...%n");
    for (int k = 0; k < 3; k++) {
      run(new PlacementSession(cluster, 1L), 30_000);
    }
    System.out.printf("%10s %10s %10s %18s %14s %14s %14s%n", "tasks", "wall ms", "cpu ms", "placements/cpu-s",
        "cpu us/task", "peak heap", "live after");
    for (int size : sizes) {
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      long start = System.nanoTime();
      long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      PlacementSession session = new PlacementSession(cluster, 1L);
      int placed = run(session, size);
      long nanos = System.nanoTime() - start;
      long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
      long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
          .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      if (placed != size) {
        throw new IllegalStateException("placed " + placed + " of " + size);
      }
      System.gc();
      long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      System.out.printf("%10d %10.1f %10.1f %18.0f %14.2f %10.1f MiB %10.1f MiB%n", size, nanos / 1e6, cpu / 1e6,
          size / (cpu / 1e9), cpu / 1e3 / size, peak / 1048576.0, live / 1048576.0);
      Reference.reachabilityFence(session);
    }
  }

  /** Places {@code tasks} tasks as 100 services in one session; returns how many were placed. */
  static int run(PlacementSession session, int tasks) {
    int services = 100;
    int placed = 0;
    for (int s = 0; s < services; s++) {
      int count = tasks / services + (s < tasks % services ? 1 : 0);
      PlacementResult result = session.place(new PlacementRequest("service:svc-" + s, TASK, STRATEGY, CONSTRAINTS, count));
      placed += result.placements().size();
    }
    return placed;
  }

  static ClusterSnapshot cluster() {
    List<ContainerInstance> instances = new ArrayList<>(INSTANCES);
    Instant registered = Instant.parse("2026-01-01T00:00:00Z");
    for (int n = 0; n < INSTANCES; n++) {
      String type = n % 10 == 0 ? "t2.micro" : "m5.xlarge";
      instances.add(new ContainerInstance(String.format("i-%05d", n), InstanceStatus.ACTIVE, true, "1.0.0", registered,
          Map.of(ContainerInstance.ZONE, ZONES[n % 3], ContainerInstance.INSTANCE_TYPE, type),
          4 * 1024, 16 * 1024, ContainerInstance.DEFAULT_RESERVED_PORTS));
    }
    return new ClusterSnapshot("bench", instances, List.of());
  }
}
