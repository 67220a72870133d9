package io.berth.engine.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.Fixtures;
import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.PortBinding;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskRequirements;
import io.berth.model.PlacementConstraint;
import io.berth.model.PlacementStrategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of placement over random clusters and requests. */
class PlacementProperties {
  private static final String[] ZONES = {"zone-a", "zone-b", "zone-c"};

  /** A random cluster with some tasks already running (seeded, so a failure replays). */
  private static ClusterSnapshot cluster(Random random, int size) {
    List<ContainerInstance> instances = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    for (int n = 0; n < size; n++) {
      String id = String.format("i-%03d", n);
      int cpu = 256 * (1 + random.nextInt(16));
      int memory = 256 * (1 + random.nextInt(32));
      ContainerInstance instance = Fixtures.instance(id, ZONES[random.nextInt(ZONES.length)], cpu, memory);
      instances.add(random.nextInt(10) == 0 ? instance.withStatus(InstanceStatus.DRAINING) : instance);
      if (random.nextBoolean()) {
        int port = random.nextBoolean() ? 80 : 49153 + random.nextInt(3);
        tasks.add(Fixtures.running("t-" + n, "service:other", id, random.nextInt(cpu / 2 + 1), random.nextInt(memory / 2 + 1),
            List.of(new PortBinding("c", 80, port, "tcp"))));
      }
    }
    return new ClusterSnapshot("default", instances, tasks);
  }

  private static List<PlacementStrategy> strategies(Random random) {
    List<List<PlacementStrategy>> choices = List.of(List.of(),
        List.of(Fixtures.binpack("memory")), List.of(Fixtures.binpack("cpu")),
        List.of(Fixtures.spread("attribute:ecs.availability-zone"), Fixtures.binpack("memory")),
        List.of(Fixtures.spread("instanceId")), List.of(Fixtures.random()));
    return choices.get(random.nextInt(choices.size()));
  }

  private static List<TaskRequirements.PortRequest> ports(Random random) {
    switch (random.nextInt(3)) {
      case 0: return List.of();
      case 1: return List.of(new TaskRequirements.PortRequest("web", 8080, 0, "tcp"), new TaskRequirements.PortRequest("m", 9000, 0, "tcp"));
      default: return List.of(new TaskRequirements.PortRequest("web", 80, 80, "tcp"));
    }
  }

  @Property(tries = 300)
  void noInstanceIsOverCommittedInCpuMemoryOrPorts(@ForAll long seed, @ForAll @IntRange(min = 1, max = 25) int size,
      @ForAll @IntRange(min = 1, max = 80) int count) {
    Random random = new Random(seed);
    ClusterSnapshot snapshot = cluster(random, size);
    TaskRequirements needs = new TaskRequirements(random.nextInt(1024), 1 + random.nextInt(2048), ports(random));

    PlacementResult result = Placer.place(snapshot, new PlacementRequest("service:web", needs, strategies(random), List.of(), count), seed);

    Map<String, int[]> used = new HashMap<>();
    Map<String, Set<Integer>> portsUsed = new HashMap<>();
    for (Task t : snapshot.tasks()) {
      int[] u = used.computeIfAbsent(t.instanceId(), k -> new int[2]);
      u[0] += t.cpu();
      u[1] += t.memory();
      t.ports().forEach(p -> portsUsed.computeIfAbsent(t.instanceId(), k -> new HashSet<>()).add(p.hostPort()));
    }
    for (Placement p : result.placements()) {
      ContainerInstance instance = snapshot.instance(p.instanceId()).orElseThrow();
      assertThat(instance.status()).isEqualTo(InstanceStatus.ACTIVE);
      int[] u = used.computeIfAbsent(p.instanceId(), k -> new int[2]);
      u[0] += needs.cpu();
      u[1] += needs.memory();
      assertThat(u[0]).as("cpu on %s", p.instanceId()).isLessThanOrEqualTo(instance.cpu());
      assertThat(u[1]).as("memory on %s", p.instanceId()).isLessThanOrEqualTo(instance.memory());
      for (PortBinding binding : p.ports()) {
        assertThat(instance.reservedPorts()).doesNotContain(binding.hostPort());
        assertThat(portsUsed.computeIfAbsent(p.instanceId(), k -> new HashSet<>()).add(binding.hostPort()))
            .as("host port %d on %s given twice", binding.hostPort(), p.instanceId()).isTrue();
      }
    }
    assertThat(result.placements().size() + result.unplacedCount()).isEqualTo(count);
  }

  @Property(tries = 300)
  void constraintsAreNeverViolated(@ForAll long seed, @ForAll @IntRange(min = 1, max = 25) int size,
      @ForAll @IntRange(min = 1, max = 40) int count) {
    Random random = new Random(seed);
    ClusterSnapshot snapshot = cluster(random, size);
    List<PlacementConstraint> constraints = List.of(
        Fixtures.memberOf("attribute:ecs.availability-zone in [zone-a, zone-c] and not(task:group == service:other)"),
        Fixtures.distinctInstance());

    PlacementResult result = Placer.place(snapshot, new PlacementRequest("service:web",
        new TaskRequirements(64, 64, List.of()), strategies(random), constraints, count), seed);

    Set<String> seen = new HashSet<>();
    Set<String> withOther = new HashSet<>();
    snapshot.tasks().forEach(t -> withOther.add(t.instanceId()));
    for (Placement p : result.placements()) {
      assertThat(seen.add(p.instanceId())).as("distinctInstance broken on %s", p.instanceId()).isTrue();
      assertThat(snapshot.instance(p.instanceId()).orElseThrow().attributes().get(ContainerInstance.ZONE)).isIn("zone-a", "zone-c");
      assertThat(withOther).doesNotContain(p.instanceId());
    }
    if (!result.allPlaced()) {
      assertThat(result.reason()).isPresent();
    }
  }

  @Property(tries = 300)
  void spreadIsBalancedWithinOneWhenCapacityAllows(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int size,
      @ForAll @IntRange(min = 1, max = 100) int count, @ForAll boolean byZone) {
    Random random = new Random(seed);
    List<ContainerInstance> instances = new ArrayList<>();
    for (int n = 0; n < size; n++) {
      instances.add(Fixtures.instance(String.format("i-%03d", n), ZONES[random.nextInt(ZONES.length)], 1 << 20, 1 << 20));
    }
    ClusterSnapshot snapshot = new ClusterSnapshot("default", instances, List.of());
    String field = byZone ? "attribute:ecs.availability-zone" : "instanceId";

    PlacementResult result = Placer.place(snapshot, new PlacementRequest("service:web",
        new TaskRequirements(1, 1, List.of()), List.of(Fixtures.spread(field), Fixtures.binpack("memory")), List.of(), count), seed);

    Map<String, Integer> perValue = new HashMap<>();
    instances.forEach(i -> perValue.put(byZone ? i.attributes().get(ContainerInstance.ZONE) : i.instanceId(), 0));
    result.placements().forEach(p -> perValue.merge(byZone
        ? snapshot.instance(p.instanceId()).orElseThrow().attributes().get(ContainerInstance.ZONE) : p.instanceId(), 1, Integer::sum));
    int max = perValue.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    int min = perValue.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
    assertThat(result.allPlaced()).isTrue();
    assertThat(max - min).as("tasks per %s: %s", field, perValue).isLessThanOrEqualTo(1);
  }
}
