package io.berth.engine.scheduler.reconcile;

import static io.berth.engine.scheduler.Fixtures.T0;
import static io.berth.engine.scheduler.Fixtures.instances;
import static io.berth.engine.scheduler.Fixtures.taskDefinition;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.Fixtures;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskHealth;
import io.berth.engine.scheduler.TaskStop;
import io.berth.engine.scheduler.deployment.Deployments;
import io.berth.engine.scheduler.deployment.RolloutState;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.model.DeploymentCircuitBreaker;
import io.berth.model.DeploymentConfiguration;
import io.berth.model.LoadBalancer;
import io.berth.model.SchedulingStrategy;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import io.berth.model.TaskPlacementConstraint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rules the control plane relies on, decided by the core: the health check grace period, load
 * balancer target health gating, crashes before healthy tripping the breaker, deleted services,
 * a task definition's own placement constraints.
 */
class ServiceSchedulerRulesTest {
  static final SchedulerSettings SETTINGS = SchedulerSettings.defaults().withHealthyAfterRunning(Duration.ofSeconds(10));

  private static Service web(int desired, Optional<Integer> graceSeconds, List<LoadBalancer> loadBalancers) {
    return new Service("web", "default", "web", Optional.empty(), SchedulingStrategy.REPLICA, Optional.of(desired),
        List.of(), List.of(), new DeploymentConfiguration(200, 100, Optional.of(new DeploymentCircuitBreaker(true, true))),
        graceSeconds, loadBalancers);
  }

  private static ServiceSpec spec(Service service, String arn) {
    return new ServiceSpec(service, taskDefinition("web", 256, 512), arn);
  }

  /** One task of {@code spec}, launched by a first reconcile and now RUNNING since {@code startedAt}. */
  private static Task runningTask(ReconcileResult first, Instant startedAt) {
    return Task.pending(first.tasksToStart().get(0), T0).withLastStatus(TaskStatus.RUNNING, startedAt);
  }

  @ParameterizedTest(name = "desired {0}: threshold {1}")
  @CsvSource({"1, 3", "3, 3", "6, 3", "7, 4", "10, 5", "399, 200", "1000, 200"})
  void theCircuitBreakerThresholdIsHalfTheDesiredCountClampedTo3And200(int desired, int threshold) {
    assertThat(Deployments.threshold(desired)).isEqualTo(threshold);
  }

  @Test
  void anUnhealthyTaskIsReplacedOnlyAfterTheHealthCheckGracePeriod() {
    ServiceSpec spec = spec(web(1, Optional.of(30), List.of()), "web:1");
    var cluster = new ClusterSnapshot("default", instances(1, 4096, 4096, "zone-a"), List.of());
    ReconcileResult first = ServiceScheduler.reconcile(spec, cluster, ServiceRuntime.initial("web"), T0, SETTINGS);
    Task sick = runningTask(first, T0.plusSeconds(1)).withHealth(HealthStatus.UNHEALTHY);
    var reported = cluster.withTasks(List.of(sick));

    ReconcileResult inGrace = ServiceScheduler.reconcile(spec, reported, first.runtime(), T0.plusSeconds(10), SETTINGS);
    ReconcileResult afterGrace = ServiceScheduler.reconcile(spec, reported, inGrace.runtime(), T0.plusSeconds(31), SETTINGS);

    assertThat(inGrace.tasksToStop()).isEmpty();
    assertThat(afterGrace.tasksToStop()).containsExactly(
        new TaskStop(sick.taskId(), sick.instanceId(), "Task failed container health checks", false));
  }

  @Test
  void aTaskItsAgentStopsIsStoppingNotAFailedHealthCheckWhateverItsLastHealth() {
    ServiceSpec spec = spec(web(1, Optional.empty(), List.of()), "web:1");
    var cluster = new ClusterSnapshot("default", instances(1, 4096, 4096, "zone-a"), List.of());
    ReconcileResult first = ServiceScheduler.reconcile(spec, cluster, ServiceRuntime.initial("web"), T0, SETTINGS);
    Task running = runningTask(first, T0.plusSeconds(1)).withHealth(HealthStatus.HEALTHY);
    ReconcileResult steady = ServiceScheduler.reconcile(spec, cluster.withTasks(List.of(running)), first.runtime(),
        T0.plusSeconds(20), SETTINGS);
    // an essential container was killed: the agent stops the task; Docker said "unhealthy" as the checks stopped
    Task stopping = running.withLastStatus(TaskStatus.STOPPING, T0.plusSeconds(30)).withHealth(HealthStatus.UNHEALTHY);

    ReconcileResult seen = ServiceScheduler.reconcile(spec, cluster.withTasks(List.of(stopping)), steady.runtime(),
        T0.plusSeconds(31), SETTINGS);
    ReconcileResult stopped = ServiceScheduler.reconcile(spec, cluster.withTasks(List.of(
        stopping.stopped("Essential container in task exited: app (exit code 137)"))), seen.runtime(), T0.plusSeconds(32),
        SETTINGS);

    assertThat(seen.tasksToStop()).isEmpty();
    assertThat(seen.tasksToStart()).as("a replacement, as the task is on its way out").hasSize(1);
    assertThat(seen.events()).noneMatch(e -> e.message().contains("health checks"));
    assertThat(stopped.events()).extracting(ServiceEvent::message).contains("(service web) task " + running.taskId()
        + " stopped unexpectedly: Essential container in task exited: app (exit code 137); it will be replaced.");
  }

  @Test
  void behindALoadBalancerATaskCountsHealthyOnlyOnceTheProbeReachesIt() {
    ServiceSpec spec = spec(web(1, Optional.empty(), List.of(new LoadBalancer("app", 8080, 9080))), "web:1");
    var cluster = new ClusterSnapshot("default", instances(1, 4096, 4096, "zone-a"), List.of());
    ReconcileResult first = ServiceScheduler.reconcile(spec, cluster, ServiceRuntime.initial("web"), T0, SETTINGS);
    Task running = runningTask(first, T0.plusSeconds(1));
    Instant later = T0.plusSeconds(60);

    ReconcileResult unprobed = ServiceScheduler.reconcile(spec, cluster.withTasks(List.of(running)), first.runtime(), later, SETTINGS);
    ReconcileResult probed = ServiceScheduler.reconcile(spec, cluster.withTasks(List.of(running.withTargetHealthy(true))),
        unprobed.runtime(), later, SETTINGS);

    assertThat(TaskHealth.healthy(running, false, true, later, SETTINGS.healthyAfterRunning())).isFalse();
    assertThat(TaskHealth.healthy(running, false, false, later, SETTINGS.healthyAfterRunning())).isTrue();
    assertThat(unprobed.runtime().primary().orElseThrow().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
    assertThat(probed.runtime().primary().orElseThrow().rolloutState()).isEqualTo(RolloutState.COMPLETED);
  }

  @Test
  void tasksThatRunButExitBeforeTheyAreHealthyTripTheBreakerAndTheFailedDeploymentStaysVisible() {
    Simulator sim = new Simulator(Duration.ofSeconds(5), SETTINGS).addInstances(instances(3, 4096, 4096, "zone-a", "zone-b", "zone-c"));
    sim.deploy(spec(web(3, Optional.empty(), List.of()), "web:1"), Simulator.Script.good());
    sim.tickUntil(s -> s.steady("web"), 20);

    // Exits 5 s after it starts, long before the 10 s that make it healthy.
    sim.deploy(spec(web(3, Optional.empty(), List.of()), "web:2"),
        new Simulator.Script(Duration.ofSeconds(5), false, Optional.of(Duration.ofSeconds(5)), Optional.empty(), Optional.empty()));
    sim.tickUntilSteady("web", 100);

    assertThat(sim.messages()).anyMatch(m -> m.startsWith("(service web) deployment ecs-svc/2 deployment failed"));
    assertThat(sim.runningOf("web", "web:1")).hasSize(3);
    ServiceRuntime runtime = sim.runtime("web");
    assertThat(runtime.rolledBackFrom()).contains("web:2");
    assertThat(runtime.lastFailed()).hasValueSatisfying(d -> {
      assertThat(d.taskDefinitionArn()).isEqualTo("web:2");
      assertThat(d.rolloutState()).isEqualTo(RolloutState.FAILED);
    });
  }

  @Test
  void aDeletedServiceHasEachOfItsTasksStoppedOnceAndKeepsItsNumbering() {
    ServiceSpec spec = spec(web(2, Optional.empty(), List.of()), "web:1");
    var cluster = new ClusterSnapshot("default", instances(1, 4096, 4096, "zone-a"), List.of());
    ReconcileResult first = ServiceScheduler.reconcile(spec, cluster, ServiceRuntime.initial("web"), T0, SETTINGS);
    var running = cluster.withTasks(first.tasksToStart().stream().map(l -> Task.pending(l, T0)).toList());

    ReconcileResult retired = ServiceScheduler.retire("web", running, first.runtime(), T0.plusSeconds(1));
    ReconcileResult again = ServiceScheduler.retire("web", running, retired.runtime(), T0.plusSeconds(2));

    assertThat(retired.tasksToStop()).extracting(TaskStop::reason).containsExactly("Service web was deleted", "Service web was deleted");
    assertThat(retired.events()).extracting(ServiceEvent::message).containsExactly("(service web) was deleted; stopping 2 tasks.");
    assertThat(again.tasksToStop()).isEmpty();
    assertThat(again.runtime().nextTaskNumber()).isEqualTo(first.runtime().nextTaskNumber());
  }

  @Test
  void aTaskDefinitionsOwnMemberOfConstraintIsApplied() {
    TaskDefinition pinned = Fixtures.record(TaskDefinition.class, Map.of("family", "web",
        "containerDefinitions", List.of(Fixtures.container("app", 64, 64, List.of(), false)),
        "placementConstraints", List.of(new TaskPlacementConstraint("memberOf",
            Optional.of("attribute:ecs.availability-zone == zone-b")))));
    ServiceSpec spec = new ServiceSpec(web(4, Optional.empty(), List.of()), pinned, "web:1");
    var cluster = new ClusterSnapshot("default", instances(3, 4096, 4096, "zone-a", "zone-b", "zone-c"), List.of());

    ReconcileResult result = ServiceScheduler.reconcile(spec, cluster, ServiceRuntime.initial("web"), T0, SETTINGS);

    assertThat(result.tasksToStart()).hasSize(4).allSatisfy(l -> assertThat(l.instanceId()).isEqualTo("i-02"));
  }
}
