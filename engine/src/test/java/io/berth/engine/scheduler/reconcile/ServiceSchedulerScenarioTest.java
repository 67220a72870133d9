package io.berth.engine.scheduler.reconcile;

import static io.berth.engine.scheduler.Fixtures.binpack;
import static io.berth.engine.scheduler.Fixtures.instance;
import static io.berth.engine.scheduler.Fixtures.instances;
import static io.berth.engine.scheduler.Fixtures.memberOf;
import static io.berth.engine.scheduler.Fixtures.service;
import static io.berth.engine.scheduler.Fixtures.spread;
import static io.berth.engine.scheduler.Fixtures.taskDefinition;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.Fixtures;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskStop;
import io.berth.engine.scheduler.deployment.RolloutState;
import io.berth.engine.task.HealthStatus;
import io.berth.model.PlacementConstraint;
import io.berth.model.PlacementStrategy;
import io.berth.model.SchedulingStrategy;
import io.berth.model.TaskDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Stories of a service's life, driven tick by tick (5 s) through the simulator. */
class ServiceSchedulerScenarioTest {
  static final SchedulerSettings SETTINGS = SchedulerSettings.defaults().withHealthyAfterRunning(Duration.ofSeconds(10));

  private static ServiceSpec web(String arn, int desired, int min, int max, boolean breaker, List<PlacementStrategy> strategies,
      List<PlacementConstraint> constraints) {
    return new ServiceSpec(service("web", desired, strategies, constraints, min, max, breaker), taskDefinition("web", 256, 512), arn);
  }

  private static Simulator threeZones() {
    return new Simulator(Duration.ofSeconds(5), SETTINGS).addInstances(instances(3, 4096, 4096, "zone-a", "zone-b", "zone-c"));
  }

  private static long healthy(Simulator sim, String service) {
    return sim.running(service).stream()
        .filter(t -> !sim.now.isBefore(t.startedAt().orElseThrow().plus(SETTINGS.healthyAfterRunning()))).count();
  }

  @Test
  void aBadImageTripsTheCircuitBreakerAfterThreeFailuresAndRollsBack() {
    Simulator sim = threeZones().deploy(web("web:1", 4, 100, 125, true, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntil(s -> s.steady("web"), 20);
    sim.observe(s -> assertThat(healthy(s, "web")).as("healthy tasks at %s", s.now).isGreaterThanOrEqualTo(4));

    sim.deploy(web("web:2", 4, 100, 125, true, List.of(), List.of()), Simulator.Script.badImage());
    sim.tickUntilSteady("web", 100);

    assertThat(sim.messages()).containsSubsequence(
        "(service web) has started deployment ecs-svc/2 of task definition web:2.",
        "(service web) deployment ecs-svc/2 deployment failed: ECS deployment circuit breaker: 3 tasks failed to start or failed health checks (threshold 3).",
        "(service web) has started deployment ecs-svc/3 of task definition web:1. Rolling back from web:2 after deployment ecs-svc/2 failed.",
        "(service web) deployment ecs-svc/3 deployment completed.",
        "(service web) has reached a steady state.");
    assertThat(sim.messages().stream().filter(m -> m.contains("is unable to consistently start tasks"))).hasSize(3);
    assertThat(sim.runningOf("web", "web:1")).hasSize(4);
    assertThat(sim.live("web")).hasSize(4);
    ServiceRuntime runtime = sim.runtime("web");
    assertThat(runtime.deployments()).singleElement().satisfies(d -> {
      assertThat(d.taskDefinitionArn()).isEqualTo("web:1");
      assertThat(d.rolloutState()).isEqualTo(RolloutState.COMPLETED);
    });
    assertThat(runtime.rolledBackFrom()).contains("web:2");

    sim.ticks(20);
    assertThat(sim.messages()).filteredOn(m -> m.contains("has started deployment")).hasSize(3);
  }

  @Test
  void tasksThatFailTheirHealthChecksTripTheBreakerAndTheServiceRollsBack() {
    var checked = Fixtures.taskDefinition("web", List.of(Fixtures.container("app", 256, 512, List.of(), true)));
    // max 150 %: one new task at a time, so exactly three fail before the breaker trips
    ServiceSpec v1 = new ServiceSpec(service("web", 2, List.of(), List.of(), 100, 150, true), checked, "web:1");
    Simulator sim = threeZones().deploy(v1, Simulator.Script.goodWithHealthCheck(Duration.ofSeconds(10)));
    sim.tickUntil(s -> s.steady("web"), 20);

    sim.deploy(new ServiceSpec(v1.service(), checked, "web:2"), Simulator.Script.neverHealthy(Duration.ofSeconds(15)));
    sim.tickUntilSteady("web", 100);

    assertThat(sim.messages()).filteredOn(m -> m.endsWith("failed container health checks.")).hasSize(3);
    assertThat(sim.messages()).contains("(service web) deployment ecs-svc/2 deployment failed: ECS deployment circuit breaker: "
        + "3 tasks failed to start or failed health checks (threshold 3).");
    assertThat(sim.runningOf("web", "web:1")).hasSize(2);
    assertThat(sim.live("web")).hasSize(2);
  }

  @Test
  void aTaskThatCrashesAfterRunningIsReplacedWithoutCountingAsAStartFailure() {
    Simulator sim = threeZones().deploy(web("web:1", 2, 100, 200, true, List.of(), List.of()),
        new Simulator.Script(Duration.ofSeconds(5), false, Optional.of(Duration.ofSeconds(60)),
            Optional.empty(), Optional.empty()));

    sim.ticks(15); // 75 s: the first two tasks ran 60 s and crashed

    assertThat(sim.messages()).anyMatch(m -> m.matches(
        "\\(service web\\) task web-1 stopped unexpectedly: Essential container in task exited; it will be replaced\\."));
    assertThat(sim.live("web")).hasSize(2).noneMatch(t -> t.taskId().equals("web-1"));
    assertThat(sim.messages()).noneMatch(m -> m.contains("unable to consistently start"));
    assertThat(sim.runtime("web").deployments().get(0).failedTasks()).isZero();
  }

  @Test
  void desiredFourMinFiftyMaxTwoHundredNeverFewerThanTwoHealthyNeverMoreThanEightRunning() {
    Simulator sim = threeZones().deploy(web("web:1", 4, 50, 200, false, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntil(s -> s.steady("web"), 20);
    List<Integer> liveCounts = new ArrayList<>();
    sim.observe(s -> {
      liveCounts.add(s.live("web").size());
      assertThat(healthy(s, "web")).as("healthy at %s", s.now).isGreaterThanOrEqualTo(2);
      assertThat(s.live("web").size()).as("running+pending+stopping at %s", s.now).isLessThanOrEqualTo(8);
    });

    sim.deploy(web("web:2", 4, 50, 200, false, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntilSteady("web", 40);

    assertThat(sim.runningOf("web", "web:2")).hasSize(4);
    assertThat(sim.live("web")).hasSize(4);
    assertThat(liveCounts).contains(8);
  }

  @Test
  void maxOneHundredPercentStopsBeforeItStartsAndKeepsTheMinimum() {
    Simulator sim = threeZones().deploy(web("web:1", 4, 50, 100, false, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntil(s -> s.steady("web"), 20);
    sim.observe(s -> {
      assertThat(healthy(s, "web")).as("healthy at %s", s.now).isGreaterThanOrEqualTo(2);
      assertThat(s.live("web").size()).as("live at %s", s.now).isLessThanOrEqualTo(4);
    });

    sim.deploy(web("web:2", 4, 50, 100, false, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntilSteady("web", 40);

    assertThat(sim.runningOf("web", "web:2")).hasSize(4);
  }

  @Test
  void spreadOverThreeZonesThenBinpackMemory() {
    Simulator sim = new Simulator(Duration.ofSeconds(5), SETTINGS).addInstances(Fixtures.THREE_ZONES);
    sim.deploy(new ServiceSpec(service("web", 6, List.of(spread("attribute:ecs.availability-zone"), binpack("memory")),
        List.of(), 100, 200, false), taskDefinition("web", 0, 1024), "web:1"), Simulator.Script.good());

    sim.tick();

    Map<String, Long> perInstance = sim.live("web").stream()
        .collect(Collectors.groupingBy(Task::instanceId, TreeMap::new, Collectors.counting()));
    assertThat(perInstance).isEqualTo(Map.of("i-02", 2L, "i-03", 1L, "i-04", 1L, "i-05", 2L));
  }

  @Test
  void aDaemonFollowsInstancesJoiningAndDraining() {
    Simulator sim = new Simulator(Duration.ofSeconds(5), SETTINGS)
        .addInstances(List.of(instance("i-01", "zone-a", 1024, 1024), instance("i-02", "zone-b", 1024, 1024),
            instance("i-03", "zone-c", 1024, 1024)));
    sim.deploy(new ServiceSpec(service("agent", SchedulingStrategy.DAEMON, 0, List.of(),
        List.of(memberOf("attribute:ecs.availability-zone != zone-c")), 0, 100, false), taskDefinition("agent", 128, 128), "agent:1"),
        Simulator.Script.good());

    sim.tickUntil(s -> s.steady("agent"), 10);
    assertThat(instancesOf(sim, "agent")).containsExactly("i-01", "i-02");

    sim.addInstances(List.of(instance("i-04", "zone-a", 1024, 1024)));
    sim.tickUntil(s -> s.steady("agent") && s.running("agent").size() == 3, 10);
    assertThat(instancesOf(sim, "agent")).containsExactly("i-01", "i-02", "i-04");

    sim.drain("i-01");
    sim.tickUntil(s -> s.live("agent").size() == 2 && s.steady("agent"), 10);
    assertThat(instancesOf(sim, "agent")).containsExactly("i-02", "i-04");
    assertThat(sim.runtime("agent").deployments().get(0).desiredCount()).isEqualTo(2);
  }

  @Test
  void onADrainingInstanceTheDaemonStopsLast() {
    Simulator sim = new Simulator(Duration.ofSeconds(5), SETTINGS).addInstances(instances(2, 4096, 4096, "zone-a", "zone-b"));
    sim.deploy(new ServiceSpec(service("agent", SchedulingStrategy.DAEMON, 0, List.of(), List.of(), 0, 100, false),
        taskDefinition("agent", 128, 128), "agent:1"), Simulator.Script.good());
    sim.deploy(web("web:1", 2, 0, 100, false, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntil(s -> s.steady("agent") && s.steady("web"), 20);
    Map<String, Instant> stoppedAt = new TreeMap<>();
    sim.observe(s -> s.results.subList(s.results.size() - 2, s.results.size())
        .forEach(r -> r.tasksToStop().forEach(t -> stoppedAt.putIfAbsent(t.taskId() + "@" + t.instanceId(), s.now))));

    sim.drain("i-01");
    sim.tickUntil(s -> s.live("agent").size() == 1 && s.steady("web"), 20);

    Instant webStopped = stoppedAt.entrySet().stream().filter(e -> e.getKey().startsWith("web-")).findFirst().orElseThrow().getValue();
    Instant agentStopped = stoppedAt.entrySet().stream().filter(e -> e.getKey().startsWith("agent-")).findFirst().orElseThrow().getValue();
    assertThat(agentStopped).isAfter(webStopped);
    assertThat(instancesOf(sim, "web")).containsExactly("i-02", "i-02");
  }

  @Test
  void aDaemonRollsOutANewRevisionInstanceByInstance() {
    Simulator sim = new Simulator(Duration.ofSeconds(5), SETTINGS).addInstances(instances(3, 1024, 1024, "zone-a"));
    ServiceSpec v1 = new ServiceSpec(service("agent", SchedulingStrategy.DAEMON, 0, List.of(), List.of(), 0, 100, false),
        taskDefinition("agent", 128, 768), "agent:1");
    sim.deploy(v1, Simulator.Script.good());
    sim.tickUntil(s -> s.steady("agent"), 10);

    sim.deploy(new ServiceSpec(v1.service(), taskDefinition("agent", 128, 768), "agent:2"), Simulator.Script.good());
    sim.observe(s -> assertThat(s.live("agent").size()).isLessThanOrEqualTo(3));
    sim.tickUntilSteady("agent", 20);

    assertThat(sim.runningOf("agent", "agent:2")).extracting(Task::instanceId).containsExactlyInAnyOrder("i-01", "i-02", "i-03");
  }

  @Test
  void anUnhealthyTaskIsStoppedAndReplaced() {
    Simulator sim = threeZones().deploy(web("web:1", 3, 100, 200, false, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntil(s -> s.steady("web"), 20);
    Task sick = sim.running("web").get(1);
    sim.tasks.put(sick.taskId(), sick.withHealth(HealthStatus.UNHEALTHY));

    sim.tick();

    assertThat(sim.messages()).contains("(service web) (task " + sick.taskId() + ") failed container health checks.");
    assertThat(sim.results.get(sim.results.size() - 1).tasksToStop())
        .containsExactly(new TaskStop(sick.taskId(), sick.instanceId(), "Task failed container health checks", false));
    sim.tickUntilSteady("web", 20);
    assertThat(sim.running("web")).hasSize(3).noneMatch(t -> t.taskId().equals(sick.taskId()));
  }

  @Test
  void tasksOfALostInstanceAreRescheduled() {
    Simulator sim = threeZones().deploy(web("web:1", 3, 100, 200, false, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntil(s -> s.steady("web"), 20);

    sim.lose("i-02");
    sim.tick();

    assertThat(sim.messages()).anyMatch(m -> m.matches("\\(service web\\) lost task web-\\d with container instance i-02; it will be replaced\\."));
    sim.tickUntilSteady("web", 20);
    // zone-b is gone: zones a and c tie, then the emptier instance of the two wins
    assertThat(instancesOf(sim, "web")).containsExactly("i-01", "i-01", "i-03");
    assertThat(sim.running("web")).hasSize(3);
  }

  @Test
  void tasksMoveOffADrainingInstanceWithoutDroppingBelowTheMinimum() {
    Simulator sim = threeZones().deploy(web("web:1", 3, 100, 200, false, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntil(s -> s.steady("web"), 20);
    sim.observe(s -> assertThat(healthy(s, "web")).isGreaterThanOrEqualTo(3));

    sim.drain("i-01");
    sim.tickUntil(s -> s.steady("web") && s.live("web").stream().noneMatch(t -> t.instanceId().equals("i-01")), 20);

    assertThat(sim.running("web")).hasSize(3);
    assertThat(sim.events).anyMatch(e -> e.message().contains("has stopped 1 running tasks"));
  }

  @Test
  void scaleInKeepsTheZonesBalanced() {
    Simulator sim = new Simulator(Duration.ofSeconds(5), SETTINGS).addInstances(instances(6, 4096, 4096, "zone-a", "zone-b", "zone-c"));
    sim.deploy(web("web:1", 6, 100, 200, false, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntil(s -> s.steady("web"), 20);

    sim.deploy(web("web:1", 3, 100, 200, false, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntilSteady("web", 20);

    assertThat(sim.running("web")).hasSize(3);
    assertThat(sim.running("web").stream().map(t -> zoneOf(sim, t.instanceId())).sorted().toList())
        .containsExactly("zone-a", "zone-b", "zone-c");
  }

  @Test
  void aRollingDeploymentSpreadsItsNewTasksAsIfTheOldOnesWereGone() {
    Simulator sim = threeZones().deploy(web("web:1", 6, 100, 125, false, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntil(s -> s.steady("web"), 20);
    assertThat(zonesOf(sim)).containsExactly(Map.entry("zone-a", 2), Map.entry("zone-b", 2), Map.entry("zone-c", 2));

    // one new task at a time; the old ones it replaces must not steer where the next ones go
    sim.deploy(web("web:2", 6, 100, 125, false, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntilSteady("web", 100);

    assertThat(sim.runningOf("web", "web:2")).hasSize(6);
    assertThat(zonesOf(sim)).containsExactly(Map.entry("zone-a", 2), Map.entry("zone-b", 2), Map.entry("zone-c", 2));
  }

  @Test
  void aReplacementGoesWhereTheStoppedTaskWasAndTheOddTaskToTheFirstZone() {
    Simulator sim = new Simulator(Duration.ofSeconds(5), SETTINGS).addInstances(List.of(instance("i-9", "zone-a", 4096, 4096),
        instance("i-5", "zone-b", 4096, 4096), instance("i-1", "zone-c", 4096, 4096)));
    sim.deploy(web("web:1", 7, 100, 200, false, List.of(), List.of()), Simulator.Script.good());
    sim.tickUntil(s -> s.steady("web"), 20);
    // zone-a has the highest instance id, yet of three zones that tie it comes first
    assertThat(zonesOf(sim)).containsExactly(Map.entry("zone-a", 3), Map.entry("zone-b", 2), Map.entry("zone-c", 2));

    Task victim = sim.running("web").stream().filter(t -> t.instanceId().equals("i-1")).findFirst().orElseThrow();
    sim.tasks.put(victim.taskId(), victim.stopped("Essential container in task exited"));
    sim.tickUntilSteady("web", 20);

    assertThat(zonesOf(sim)).containsExactly(Map.entry("zone-a", 3), Map.entry("zone-b", 2), Map.entry("zone-c", 2));
  }

  @Test
  void anUnplaceableTaskStaysPendingWithAReasonAPersonCanActOn() {
    Simulator sim = threeZones().deploy(new ServiceSpec(service("big", 1, List.of(), List.of(), 100, 200, false),
        taskDefinition("big", 256, 8192), "big:1"), Simulator.Script.good());

    sim.ticks(3);

    ReconcileResult last = sim.results.get(sim.results.size() - 1);
    assertThat(last.pendingCount()).isEqualTo(1);
    assertThat(last.unplacedReason()).contains(
        "no ACTIVE instance has 8192 MiB memory free; the most free is 4096 MiB on i-01; add capacity or lower the task's memory");
    assertThat(sim.messages()).containsOnlyOnce("(service big) was unable to place a task because no container instance met "
        + "all of its requirements. Reason: no ACTIVE instance has 8192 MiB memory free; the most free is 4096 MiB on i-01; "
        + "add capacity or lower the task's memory.");
  }

  @Test
  void startFailuresAreRetriedWithGrowingDelayCappedAtFifteenMinutes() {
    Simulator sim = new Simulator(Duration.ofSeconds(5), SETTINGS).addInstances(instances(1, 4096, 4096, "zone-a"));
    sim.deploy(web("web:1", 1, 100, 200, false, List.of(), List.of()), Simulator.Script.badImage());
    List<Instant> launches = new ArrayList<>();
    sim.observe(s -> s.results.get(s.results.size() - 1).tasksToStart().forEach(l -> launches.add(s.now)));

    sim.ticks(12 * 60 * 6);

    List<Long> gaps = new ArrayList<>();
    for (int k = 1; k < launches.size(); k++) {
      gaps.add(Duration.between(launches.get(k - 1), launches.get(k)).toSeconds());
    }
    // each gap: 5 s to fail, then 10 s doubling per failure, never more than 900 s
    assertThat(gaps).startsWith(15L, 25L, 45L, 85L, 165L, 325L, 645L, 905L, 905L);
    assertThat(gaps).allMatch(g -> g <= 905L);

    sim.deploy(web("web:2", 1, 100, 200, false, List.of(), List.of()), Simulator.Script.good());
    sim.tick();
    assertThat(sim.results.get(sim.results.size() - 1).tasksToStart()).hasSize(1);
  }

  @Test
  void anUnreadableCpuStringLeavesTheServicePendingWithTheReason() {
    var definition = Fixtures.record(TaskDefinition.class, Map.of("family", "web",
        "cpu", Optional.of("lots"), "containerDefinitions", List.of(Fixtures.container("app", 1, 1, List.of(), false))));
    Simulator sim = threeZones().deploy(new ServiceSpec(service("web", 2, List.of(), List.of(), 100, 200, false), definition, "web:1"),
        Simulator.Script.good());

    sim.tick();

    assertThat(sim.results.get(0).pendingCount()).isEqualTo(2);
    assertThat(sim.results.get(0).unplacedReason())
        .contains("task definition web: cpu 'lots' is neither cpu units (\"256\") nor vCPUs (\"0.25 vCPU\")");
  }

  @Test
  void servicesReconciledTogetherSeeEachOthersPlacements() {
    Simulator sim = new Simulator(Duration.ofSeconds(5), SETTINGS).addInstances(instances(1, 4096, 1024, "zone-a"));
    sim.deploy(new ServiceSpec(service("a", 1, List.of(), List.of(), 100, 200, false), taskDefinition("a", 0, 768), "a:1"),
        Simulator.Script.good());
    sim.deploy(new ServiceSpec(service("b", 1, List.of(), List.of(), 100, 200, false), taskDefinition("b", 0, 768), "b:1"),
        Simulator.Script.good());

    sim.tick();

    assertThat(sim.live("a")).hasSize(1);
    assertThat(sim.live("b")).isEmpty();
    assertThat(sim.messages()).anyMatch(m -> m.startsWith("(service b) was unable to place a task")
        && m.contains("has 768 MiB memory free; the most free is 256 MiB on i-01"));
  }

  private static List<String> instancesOf(Simulator sim, String service) {
    return sim.live(service).stream().map(Task::instanceId).sorted().toList();
  }

  private static Map<String, Integer> zonesOf(Simulator sim) {
    Map<String, Integer> zones = new TreeMap<>();
    sim.live("web").forEach(t -> zones.merge(zoneOf(sim, t.instanceId()), 1, Integer::sum));
    return zones;
  }

  private static String zoneOf(Simulator sim, String instanceId) {
    return sim.instances.stream().filter(i -> i.instanceId().equals(instanceId)).findFirst().orElseThrow()
        .attributes().get(ContainerInstance.ZONE);
  }
}
