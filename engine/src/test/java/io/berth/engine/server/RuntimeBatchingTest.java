package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.state.StateRepository;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.engine.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane's runtime commits over real HTTP and Git: a placement is on the runtime ref
 * before the sync that carries it is answered, status alone waits for its batch, and a control
 * plane that dies with status still waiting resumes without losing or duplicating a task.
 */
class RuntimeBatchingTest {
  @TempDir Path temp;
  StateRepoFixture state;
  MutableClock clock = new MutableClock();
  List<ControlPlane> planes = new ArrayList<>();
  List<FakeAgent> agents = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    state = new StateRepoFixture(temp.resolve("state.git"));
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 3, 100, 200, true, "").commit();
  }

  @AfterEach
  void tearDown() {
    planes.forEach(ControlPlane::close);
    state.close();
  }

  /** Ticks only when the test says (the ticker's interval is an hour). */
  ControlPlane startPlane() {
    var settings = new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(15),
        Duration.ofSeconds(1));
    // the instance key kept in a data dir, as berth server keeps it: a restarted control plane knows its agents
    ControlPlane plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0),
        "join-t", "admin-t", Map.of(), Duration.ofMillis(100), Duration.ofHours(1), settings)
        .securedBy(ApiSecurity.plain().keptIn(state.dir.resolveSibling("control-plane"))), clock);
    planes.add(plane);
    return plane;
  }

  /** The runtime ref as a restarted control plane would read it. */
  ControlPlaneSnapshot onTheRef() {
    try (var repository = StateRepository.open(state.dir)) {
      return new SnapshotStore(repository.runtime()).read();
    }
  }

  String runtimeCommit() {
    try (var repository = StateRepository.open(state.dir)) {
      return repository.runtime().read().commit().orElse("");
    }
  }

  void tick(ControlPlane plane, long millis) {
    clock.advance(Duration.ofMillis(millis));
    plane.tick();
  }

  @Test
  void aPlacementIsCommittedBeforeItsSyncIsAnsweredAndStatusAloneWaitsForItsBatch() {
    ControlPlane plane = startPlane();
    for (String zone : List.of("a", "b", "c")) {
      agents.add(new FakeAgent(plane.uri(), "join-t", zone, Optional.empty()));
    }
    tick(plane, 100);
    Set<String> recorded = onTheRef().tasks().keySet();
    for (FakeAgent agent : agents) {
      List<AssignedTask> carried = agent.sync();
      assertThat(carried).as("a placed task").hasSize(1);
      assertThat(recorded).as("what the sync answered was on the ref before it").contains(carried.get(0).taskId());
    }

    agents.forEach(FakeAgent::sync); // the first reports: RUNNING
    tick(plane, 100);
    assertThat(onTheRef().tasks().values()).as("an agent having seen its task is committed at once")
        .allSatisfy(t -> assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING));
    settle(plane);

    reportHealthy(agents.get(0));
    tick(plane, 100);
    assertThat(healthyOnTheRef()).as("the first status change after a quiet second goes at once").hasSize(1);
    String batchStart = runtimeCommit();
    reportHealthy(agents.get(1));
    tick(plane, 100);
    reportHealthy(agents.get(2));
    tick(plane, 100);
    assertThat(plane.snapshot().tasks().values()).allSatisfy(t -> assertThat(t.healthStatus()).isEqualTo(HealthStatus.HEALTHY));
    assertThat(runtimeCommit()).as("more status within the second waits for its batch").isEqualTo(batchStart);

    tick(plane, 800);
    assertThat(runtimeCommit()).isNotEqualTo(batchStart);
    assertThat(healthyOnTheRef()).hasSize(3);
  }

  @Test
  void aControlPlaneKilledWithStatusStillWaitingResumesWithoutLosingOrDuplicatingTasks() {
    ControlPlane first = startPlane();
    for (String zone : List.of("a", "b", "c")) {
      agents.add(new FakeAgent(first.uri(), "join-t", zone, Optional.empty()));
    }
    tick(first, 100);
    agents.forEach(FakeAgent::sync);
    agents.forEach(FakeAgent::sync);
    settle(first);
    reportHealthy(agents.get(0));
    tick(first, 100);
    reportHealthy(agents.get(1));
    reportHealthy(agents.get(2));
    tick(first, 100);
    Set<String> before = first.snapshot().tasks().keySet();
    assertThat(healthyOnTheRef()).as("two still waiting").hasSize(1);

    first.halt(); // killed: never ticks nor commits again
    ControlPlane second = startPlane();
    List<FakeAgent> reconnected = new ArrayList<>();
    for (FakeAgent agent : agents) {
      FakeAgent again = new FakeAgent(second.uri(), agent.credential, "x", Optional.of(agent.instanceId));
      again.running.putAll(agent.running);
      reconnected.add(again);
    }
    for (int i = 0; i < 5; i++) {
      reconnected.forEach(FakeAgent::sync);
      tick(second, 1000);
    }

    assertThat(second.snapshot().tasks().keySet()).isEqualTo(before);
    assertThat(second.snapshot().tasks().values()).allSatisfy(t -> {
      assertThat(t.wanted()).isTrue();
      assertThat(t.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
    });
    assertThat(reconnected).allSatisfy(a -> assertThat(a.running.keySet()).hasSize(1));
    assertThat(reconnected.stream().map(a -> a.running.keySet().iterator().next()).collect(Collectors.toSet()))
        .isEqualTo(before);
  }

  /** Syncs and ticks a second at a time until the deployment is done and the last batch is committed. */
  void settle(ControlPlane plane) {
    for (int i = 0; i < 5; i++) {
      agents.forEach(FakeAgent::sync);
      tick(plane, 1000);
    }
    assertThat(plane.status().services().get(0).settled()).as("steady").isTrue();
    assertThat(onTheRef().tasks()).isEqualTo(plane.snapshot().tasks());
  }

  void reportHealthy(FakeAgent agent) {
    agent.running.replaceAll((id, t) -> healthy(t));
    agent.sync();
  }

  List<TaskRecord> healthyOnTheRef() {
    return onTheRef().tasks().values().stream().filter(t -> t.healthStatus() == HealthStatus.HEALTHY)
        .collect(Collectors.toList());
  }

  private static ObservedTask healthy(ObservedTask task) {
    return new ObservedTask(task.taskId(), task.lastStatus(), HealthStatus.HEALTHY, task.containers(), task.stoppedReason(),
        task.startedAt(), task.stoppedAt(), task.cpuUtilization(), task.memoryUtilization());
  }
}
