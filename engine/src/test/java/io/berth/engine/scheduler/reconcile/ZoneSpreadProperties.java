package io.berth.engine.scheduler.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.Fixtures;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.dryrun.DryRunPlacer;
import io.berth.engine.scheduler.dryrun.ServiceDryRun;
import io.berth.engine.task.TaskStatus;
import io.berth.model.Cluster;
import io.berth.model.InstanceGroup;
import io.berth.model.PlacementStrategy;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A service through a series of applies — new task definition revisions and count changes, with
 * random percents and tasks killed during the rollouts — ends every one spread within one task
 * across the zones that have room, zone by zone as the plan's dry-run (declared capacity of the
 * same shape) predicted. Instance ids are random, as those of {@code berth up}'s agents, so nothing
 * may hang on their order.
 */
class ZoneSpreadProperties {
  private static final int TASK_CPU = 64;
  private static final int TASK_MEMORY = 64;

  @Property(tries = 120)
  void everyCompletedDeploymentIsBalancedAndAsTheDryRunSaid(@ForAll long seed,
      @ForAll @IntRange(min = 2, max = 4) int zoneCount,
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 30) Integer> counts) {
    Random random = new Random(seed);
    List<String> zones = new ArrayList<>();
    for (int z = 0; z < zoneCount; z++) {
      zones.add("zone-" + (char) ('a' + z));
    }
    // Sometimes a zone whose hosts are too small for the task: it is not one that has capacity.
    Optional<String> tooSmall = random.nextInt(3) == 0 ? Optional.of("zone-" + (char) ('a' + zoneCount)) : Optional.empty();
    List<InstanceGroup> groups = new ArrayList<>();
    List<ContainerInstance> instances = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<String> allZones = new ArrayList<>(zones);
    tooSmall.ifPresent(allZones::add);
    for (String zone : allZones) {
      int cpu = zone.equals(tooSmall.orElse("")) ? TASK_CPU / 2 : 4096;
      int hosts = 1 + random.nextInt(3);
      groups.add(new InstanceGroup("g-" + zone, hosts, cpu, 8192, List.of(zone), Optional.empty(), Map.of()));
      for (int n = 0; n < hosts; n++) {
        String id;
        do {
          id = String.format("i-%017x", random.nextLong() & 0xfffffffffffffL);
        } while (!ids.add(id));
        instances.add(ContainerInstance.active(id, zone, cpu, 8192, Fixtures.T0));
      }
    }
    Map<String, String> zoneOf = new HashMap<>();
    instances.forEach(i -> zoneOf.put(i.instanceId(), i.attributes().get(ContainerInstance.ZONE)));
    List<List<PlacementStrategy>> strategies = List.of(List.of(),
        List.of(Fixtures.spread("attribute:ecs.availability-zone")),
        List.of(Fixtures.spread("attribute:ecs.availability-zone"), Fixtures.binpack("memory")),
        List.of(Fixtures.spread("attribute:ecs.availability-zone"), Fixtures.spread("instanceId")));
    List<PlacementStrategy> strategy = strategies.get(random.nextInt(strategies.size()));
    Cluster cluster = new Cluster("default", groups, Optional.empty());

    Simulator sim = new Simulator(Duration.ofSeconds(5), ServiceSchedulerScenarioTest.SETTINGS).addInstances(instances);
    int revision = 0;
    StringBuilder history = new StringBuilder();
    for (int count : counts) {
      boolean newRevision = revision == 0 || random.nextBoolean();
      revision += newRevision ? 1 : 0;
      int min = 25 * random.nextInt(5);
      int max = 100 + 25 * random.nextInt(5);
      if (Math.floor(count * max / 100.0) <= count && Math.ceil(count * min / 100.0) >= count) {
        max = 200; // no room to start or to stop: a rollout could never progress (nor does it in ECS)
      }
      Service service = Fixtures.service("web", count, strategy, List.of(), min, max, false);
      TaskDefinition definition = Fixtures.taskDefinition("web", TASK_CPU, TASK_MEMORY);
      history.append(String.format("%nweb:%d x%d (%d%%..%d%%):", revision, count, min, max));
      sim.deploy(new ServiceSpec(service, definition, "web:" + revision), Simulator.Script.good());
      // The first tick takes the apply in (a scale-in happens there); kills come after it.
      sim.tick();
      for (int t = 0; t < 400 && !sim.steady("web"); t++) {
        if (random.nextInt(4) == 0) {
          List<Task> running = sim.running("web");
          if (!running.isEmpty()) {
            Task victim = running.get(random.nextInt(running.size()));
            sim.tasks.put(victim.taskId(), victim.stopped("Essential container in task exited"));
            history.append(" kill ").append(zoneOf.get(victim.instanceId()));
          }
        }
        sim.tick();
      }
      assertThat(sim.steady("web")).as("steady after %s%n%s", history, sim.eventLog()).isTrue();

      Map<String, Integer> live = new TreeMap<>();
      zones.forEach(z -> live.put(z, 0));
      for (Task task : sim.live("web")) {
        assertThat(task.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        live.merge(zoneOf.get(task.instanceId()), 1, Integer::sum);
      }
      int most = live.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
      int fewest = live.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
      assertThat(most - fewest).as("tasks per zone %s after %s", live, history).isLessThanOrEqualTo(1);

      ServiceDryRun predicted = DryRunPlacer.run(List.of(cluster), List.of(definition), List.of(service), Set.of("web"),
          Map.of()).services().get(0);
      Map<String, Integer> planned = new TreeMap<>();
      zones.forEach(z -> planned.put(z, 0));
      predicted.placements().forEach((instance, n) -> planned.merge(zoneOf(groups, instance), n, Integer::sum));
      assertThat(live).as("tasks per zone, live vs dry-run, after %s", history).isEqualTo(planned);
    }
  }

  /** The zone of a dry-run instance {@code g-<zone>-<n>} (each group here has one zone). */
  private static String zoneOf(List<InstanceGroup> groups, String instanceId) {
    return groups.stream().filter(g -> instanceId.startsWith(g.name() + "-")).findFirst().orElseThrow().zones().get(0);
  }
}
