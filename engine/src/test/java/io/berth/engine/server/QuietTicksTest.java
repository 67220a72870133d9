package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.ObservedTask;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ticker leaves out the reconcile pass of a cluster at rest ({@link QuietTicks}) and runs it again
 * as soon as anything could make it decide otherwise: an agent's report, a new declared commit, an
 * instance falling silent, a task reaching its healthy-after time, the longest rest running out.
 * Over real HTTP and Git, on a hand-moved clock; the ticker itself is left idle (an hour's interval).
 */
class QuietTicksTest {
  @TempDir Path temp;
  StateRepoFixture state;
  MutableClock clock = new MutableClock();
  ControlPlane plane;
  List<FakeAgent> agents = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    state = new StateRepoFixture(temp.resolve("state.git"));
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 3, 100, 200, true, "").commit();
    var settings = new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(15),
        Duration.ofSeconds(1));
    plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0),
        "join-t", "admin-t", Map.of(), Duration.ofMillis(100), Duration.ofHours(1), settings)
        .securedBy(ApiSecurity.plain().keptIn(state.dir.resolveSibling("control-plane"))), clock);
    for (String zone : List.of("a", "b", "c")) {
      agents.add(new FakeAgent(plane.uri(), "join-t", zone, Optional.empty()));
    }
  }

  @AfterEach
  void tearDown() {
    plane.close();
    state.close();
  }

  /** One tick of the ticker after {@code millis}; true when it ran the pass. */
  boolean tick(long millis) {
    clock.advance(Duration.ofMillis(millis));
    return plane.tick(true);
  }

  /** Syncs and ticks until the service is settled and the last pass changed nothing. */
  void settle() {
    for (int i = 0; i < 6; i++) {
      agents.forEach(FakeAgent::sync);
      plane.tick();
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(plane.status().services().get(0).settled()).as("steady").isTrue();
    assertThat(tick(100)).as("the last pass changed nothing: at rest").isFalse();
  }

  @Test
  void aClusterAtRestIsNotReconciledUntilSomethingChanges() {
    settle();
    ControlPlaneSnapshot rested = plane.snapshot();
    for (int i = 0; i < 5; i++) {
      agents.forEach(FakeAgent::sync); // reports that change nothing
      assertThat(tick(250)).as("tick %d at rest", i).isFalse();
    }
    assertThat(plane.snapshot().tasks()).isSameAs(rested.tasks());

    FakeAgent agent = agents.get(0);
    agent.running.replaceAll((id, t) -> withHealth(t, HealthStatus.HEALTHY));
    agent.sync();
    assertThat(tick(250)).as("a report that changed a task").isTrue();
    assertThat(plane.snapshot().tasks().values()).filteredOn(t -> t.instanceId().equals(agent.instanceId))
        .allSatisfy(t -> assertThat(t.healthStatus()).isEqualTo(HealthStatus.HEALTHY));
  }

  @Test
  void aTaskThatStopsIsReplacedWithoutWaitingForTheRestToEnd() {
    settle();
    assertThat(tick(250)).isFalse();
    String killed = agents.get(1).running.keySet().iterator().next();
    agents.get(1).kill(killed);
    agents.get(1).sync();
    assertThat(tick(250)).isTrue();
    assertThat(plane.snapshot().tasks().get(killed).lastStatus()).isEqualTo(TaskStatus.STOPPED);
    assertThat(plane.snapshot().tasks().values().stream().filter(TaskRecord::wanted).count())
        .as("a replacement placed in the same pass").isEqualTo(3);
  }

  @Test
  void aSilentInstanceIsMarkedLostOnTime() {
    settle();
    String silent = agents.get(2).instanceId;
    java.time.Instant lostAt = plane.snapshot().instances().get(silent).lastSyncAt().plusSeconds(10);
    java.time.Instant restEnds = clock.instant().plus(QuietTicks.LONGEST_REST);
    assertThat(lostAt).as("the test's premise: lost before the longest rest ends").isBefore(restEnds);
    boolean ran = false;
    while (!ran) {
      agents.get(0).sync();
      agents.get(1).sync();
      ran = tick(500);
      assertThat(ran).as("at %s", clock.instant()).isEqualTo(clock.instant().isAfter(lostAt));
    }
    assertThat(plane.snapshot().instances().get(silent).status()).isEqualTo(InstanceRecord.InstanceStatus.LOST);
  }

  @Test
  void aTaskReachingItsHealthyAfterTimeIsReconciledThen() {
    plane.tick(); // placed
    agents.forEach(FakeAgent::sync); // carried to the agents
    agents.forEach(FakeAgent::sync); // reported RUNNING; without a health check, healthy 2 s later
    int passes = 0;
    while (tick(100)) {
      assertThat(++passes).as("passes before the cluster rests").isLessThan(5);
    }
    java.time.Instant healthyAt = plane.snapshot().tasks().values().stream()
        .map(t -> t.runningSince().orElseThrow()).max(java.util.Comparator.naturalOrder()).orElseThrow().plusSeconds(2);
    assertThat(clock.instant()).isBefore(healthyAt);
    assertThat(plane.status().services().get(0).settled()).as("not healthy yet").isFalse();
    boolean ran = false;
    while (!ran) {
      ran = tick(250);
      // the first tick at or after the healthy-after time runs the pass, none before
      assertThat(ran).as("at %s", clock.instant()).isEqualTo(!clock.instant().isBefore(healthyAt));
    }
    assertThat(plane.status().services().get(0).settled()).isTrue();
  }

  @Test
  void aNewDeclaredCommitOrTheLongestRestEndsTheRest() throws Exception {
    settle();
    assertThat(tick(250)).isFalse();
    clock.advance(QuietTicks.LONGEST_REST);
    agents.forEach(FakeAgent::sync);
    assertThat(tick(0)).as("the longest rest ran out").isTrue();
    assertThat(tick(250)).isFalse();

    state.service("web", "web", 4, 100, 200, true, "").commit();
    assertThat(tick(250)).as("a new declared commit").isTrue();
    assertThat(plane.snapshot().tasks().values().stream().filter(TaskRecord::wanted).count()).isEqualTo(4);
  }

  private static ObservedTask withHealth(ObservedTask task, HealthStatus health) {
    return new ObservedTask(task.taskId(), task.lastStatus(), health, task.containers(), task.stoppedReason(),
        task.startedAt(), task.stoppedAt(), task.cpuUtilization(), task.memoryUtilization());
  }
}
