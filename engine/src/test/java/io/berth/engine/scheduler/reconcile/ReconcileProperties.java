package io.berth.engine.scheduler.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.Fixtures;
import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.PortBinding;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskLaunch;
import io.berth.model.SchedulingStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Services reconciled together through random instance churn (joins, drains, losses): no instance is
 * ever over-committed, no host port is given twice, constraints hold for every launch, and nothing
 * is launched on an instance that is not ACTIVE.
 */
class ReconcileProperties {
  private static final String[] ZONES = {"zone-a", "zone-b", "zone-c"};

  @Property(tries = 60)
  void churnNeverOverCommitsOrBreaksConstraints(@ForAll long seed) {
    Random random = new Random(seed);
    Simulator sim = new Simulator(Duration.ofSeconds(5), ServiceSchedulerScenarioTest.SETTINGS);
    int[] nextId = {1};
    for (int n = 0; n < 4 + random.nextInt(6); n++) {
      sim.addInstances(List.of(newInstance(random, nextId)));
    }
    var web = Fixtures.taskDefinition("web", List.of(Fixtures.container("app", 256, 512, List.of(Fixtures.port(80, 0)), false)));
    var api = Fixtures.taskDefinition("api", List.of(Fixtures.container("app", 512, 1024, List.of(Fixtures.port(8080, 8080)), false)));
    var logs = Fixtures.taskDefinition("logs", 64, 64);
    sim.deploy(new ServiceSpec(Fixtures.service("web", 1 + random.nextInt(12), List.of(Fixtures.spread("attribute:ecs.availability-zone"),
        Fixtures.binpack("memory")), List.of(), 50, 200, true), web, "web:1"), Simulator.Script.good());
    sim.deploy(new ServiceSpec(Fixtures.service("api", 1 + random.nextInt(6), List.of(),
        List.of(Fixtures.memberOf("attribute:ecs.availability-zone != zone-c")), 100, 200, false), api, "api:1"), Simulator.Script.good());
    sim.deploy(new ServiceSpec(Fixtures.service("logs", SchedulingStrategy.DAEMON, 0, List.of(), List.of(), 0, 100, false), logs, "logs:1"),
        Simulator.Script.good());
    sim.observe(ReconcileProperties::checkInvariants);

    for (int t = 0; t < 60; t++) {
      int event = random.nextInt(20);
      List<ContainerInstance> active = sim.instances.stream().filter(i -> i.status() == InstanceStatus.ACTIVE).toList();
      if (event == 0) {
        sim.addInstances(List.of(newInstance(random, nextId)));
      } else if (event == 1 && active.size() > 1) {
        sim.drain(active.get(random.nextInt(active.size())).instanceId());
      } else if (event == 2 && active.size() > 1) {
        sim.lose(active.get(random.nextInt(active.size())).instanceId());
      }
      sim.tick();
    }
  }

  private static ContainerInstance newInstance(Random random, int[] nextId) {
    return Fixtures.instance(String.format("i-%03d", nextId[0]++), ZONES[random.nextInt(ZONES.length)],
        1024 * (1 + random.nextInt(4)), 1024 * (1 + random.nextInt(4)));
  }

  private static void checkInvariants(Simulator sim) {
    Map<String, ContainerInstance> instances = new HashMap<>();
    sim.instances.forEach(i -> instances.put(i.instanceId(), i));
    Map<String, int[]> used = new HashMap<>();
    Map<String, Set<Integer>> ports = new HashMap<>();
    for (Task task : sim.tasks.values()) {
      if (!task.isLive() || !instances.containsKey(task.instanceId())) {
        continue;
      }
      ContainerInstance instance = instances.get(task.instanceId());
      int[] u = used.computeIfAbsent(task.instanceId(), k -> new int[2]);
      u[0] += task.cpu();
      u[1] += task.memory();
      assertThat(u[0]).as("cpu on %s at %s", instance.instanceId(), sim.now).isLessThanOrEqualTo(instance.cpu());
      assertThat(u[1]).as("memory on %s at %s", instance.instanceId(), sim.now).isLessThanOrEqualTo(instance.memory());
      for (PortBinding binding : task.ports()) {
        assertThat(ports.computeIfAbsent(task.instanceId(), k -> new HashSet<>()).add(binding.hostPort()))
            .as("host port %d twice on %s", binding.hostPort(), task.instanceId()).isTrue();
        assertThat(instance.reservedPorts()).doesNotContain(binding.hostPort());
      }
      if (task.group().equals("service:api")) {
        assertThat(instance.attributes().get(ContainerInstance.ZONE)).isNotEqualTo("zone-c");
      }
    }
    List<ReconcileResult> last = new ArrayList<>(sim.results.subList(Math.max(0, sim.results.size() - 3), sim.results.size()));
    for (ReconcileResult result : last) {
      for (TaskLaunch launch : result.tasksToStart()) {
        assertThat(instances.get(launch.instanceId()).status()).isEqualTo(InstanceStatus.ACTIVE);
      }
    }
  }
}
