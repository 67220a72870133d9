package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.AssignedTask;
import io.berth.engine.state.StateRepository;
import io.berth.engine.task.TaskStatus;
import io.berth.engine.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service auto scaling at run time: a real Git state repository, real HTTP, scripted agents that report
 * their tasks' CPU utilization; the control plane scales the service out and back in within its bounds.
 */
class AutoscalingControlPlaneTest {
  private static final String CPU_60 = """
      "minCapacity":1,"maxCapacity":4,"targetTracking":[{"policyName":"cpu","metric":"ECSServiceAverageCPUUtilization",
       "targetValue":60.0,"scaleOutCooldown":60,"scaleInCooldown":60,"disableScaleIn":false}]""";

  @TempDir Path temp;
  StateRepoFixture state;
  MutableClock clock = new MutableClock();
  ControlPlane plane;
  List<FakeAgent> agents = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    state = new StateRepoFixture(temp.resolve("state.git"));
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 2, 100, 200, false, "")
        .scaling("web", CPU_60).commit();
    var settings = new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(15));
    plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), "join-t",
        "admin-t", Map.of(), Duration.ofMillis(100), Duration.ofHours(1), settings), clock);
    for (String zone : List.of("a", "b")) {
      agents.add(new FakeAgent(plane.uri(), "join-t", zone, Optional.empty()));
    }
  }

  @AfterEach
  void tearDown() {
    plane.close();
    state.close();
  }

  void reportCpu(double percent) {
    agents.forEach(agent -> agent.utilization = Optional.of(percent));
  }

  void cycle(int times) {
    for (int i = 0; i < times; i++) {
      agents.forEach(FakeAgent::sync);
      clock.advance(Duration.ofSeconds(1));
      plane.tick();
    }
  }

  long running() {
    return agents.stream().mapToLong(FakeAgent::runningCount).sum();
  }

  ServiceView web() {
    return plane.status().services().get(0);
  }

  List<String> events() {
    return plane.events(0).stream().map(ServiceEventRecord::message).filter(m -> m.contains("scaled desired count")).toList();
  }

  /** The count {@code berth plan} sees for the service: what the planner reads from the runtime ref. */
  int plannerDesiredCount() {
    try (StateRepository repository = StateRepository.open(state.dir)) {
      return repository.live("test").observed().stream().filter(o -> o.serviceName().equals("web")).findFirst()
          .orElseThrow().desiredCount().orElseThrow();
    }
  }

  @Test
  void agentsSampleUtilizationOnlyForServicesWhosePoliciesReadIt() throws Exception {
    cycle(3);
    List<AssignedTask> scaledOnCpu = agents.stream().flatMap(a -> a.sync().stream()).toList();
    assertThat(scaledOnCpu).hasSize(2).allMatch(AssignedTask::sampleUtilization);

    state.scaling("web", """
        "minCapacity":1,"maxCapacity":4,"targetTracking":[{"policyName":"rps","metric":"ALBRequestCountPerTarget",
         "targetValue":100.0,"scaleOutCooldown":60,"scaleInCooldown":60,"disableScaleIn":false}]""").commit();
    cycle(3);
    List<AssignedTask> scaledOnRequests = agents.stream().flatMap(a -> a.sync().stream()).toList();
    assertThat(scaledOnRequests).as("requests per target come from the load balancer, not from samples")
        .isNotEmpty().noneMatch(AssignedTask::sampleUtilization);

    state.remove("scaling/default/web.json").commit();
    cycle(3);
    assertThat(agents.stream().flatMap(a -> a.sync().stream()).toList()).hasSize(2)
        .noneMatch(AssignedTask::sampleUtilization);
  }

  @Test
  void busyTasksScaleTheServiceOutAndIdleOnesBackInWithinBounds() {
    cycle(6);
    assertThat(running()).isEqualTo(2);
    assertThat(events()).isEmpty();

    reportCpu(90);
    cycle(6);
    reportCpu(60);
    cycle(6);

    assertThat(events()).containsExactly(
        "(service web) scaled desired count from 2 to 3: average CPU 90% above target 60%");
    assertThat(web().desiredCount()).isEqualTo(3);
    assertThat(running()).isEqualTo(3);
    assertThat(plannerDesiredCount()).isEqualTo(3);

    reportCpu(10);
    cycle(20);
    assertThat(web().desiredCount()).as("the scale-in cooldown of 60 s still holds").isEqualTo(3);
    clock.advance(Duration.ofSeconds(60));
    cycle(6);

    assertThat(events()).last().isEqualTo("(service web) scaled desired count from 3 to 1: average CPU 10% below target 60%");
    assertThat(web().desiredCount()).as("never below min capacity").isEqualTo(1);
    assertThat(running()).isEqualTo(1);
    assertThat(plannerDesiredCount()).isEqualTo(1);

    reportCpu(500);
    cycle(6);

    assertThat(events()).last().isEqualTo(
        "(service web) scaled desired count from 1 to 4: average CPU 500% above target 60%; capped at max capacity 4");
    assertThat(web().desiredCount()).isEqualTo(4);
    assertThat(agents.stream().flatMap(a -> a.running.values().stream()).filter(t -> t.lastStatus() == TaskStatus.RUNNING))
        .hasSize(4);
  }

  @Test
  void theAutoscaledCountSurvivesAControlPlaneRestart() {
    cycle(6);
    reportCpu(90);
    cycle(6);
    assertThat(web().desiredCount()).isEqualTo(3);

    plane.close();
    var settings = new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(15));
    plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), "join-t",
        "admin-t", Map.of(), Duration.ofMillis(100), Duration.ofHours(1), settings), clock);
    agents.clear();
    plane.tick();

    assertThat(plane.snapshot().autoscaling().get("default/web").desiredCount()).isEqualTo(3);
    assertThat(plane.snapshot().autoscaling().get("default/web").state().lastScaleOut()).isPresent();
  }
}
