package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.api.ApiException;
import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.api.SyncResponse;
import io.berth.engine.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocking syncs over real HTTP: an agent that sends back the index of its last answer is answered
 * when its assignment changes, not at its next poll. Ticks are driven by the test (the ticker waits
 * an hour), so every change here is one the test made.
 */
class BlockingSyncTest {
  private static final SyncRequest NOTHING = new SyncRequest(List.of());

  @TempDir Path temp;
  StateRepoFixture state;
  ControlPlane plane;
  MutableClock clock = new MutableClock();
  ControlPlaneClient agent;
  String instanceId;

  @BeforeEach
  void setUp() throws Exception {
    state = new StateRepoFixture(temp.resolve("state.git"));
    state.taskDefinition("web", 1, "webapp:1", "").commit();
    // lostAfter 30 s: blocking syncs may wait the full 5 s cap.
    var settings = new ReconcileSettings(Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMinutes(15));
    plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), "join-t",
        "admin-t", Map.of(), Duration.ofMillis(100), Duration.ofHours(1), settings), clock);
    agent = new ControlPlaneClient(plane.uri(), "join-t");
    instanceId = agent.register(new RegisterInstanceRequest("*", Optional.empty(), "host-a", 2048, 2048,
        Map.of("ecs.availability-zone", "a"), "test")).instanceId();
  }

  @AfterEach
  void tearDown() {
    plane.close();
    state.close();
  }

  private ControlPlaneClient.Synced sync(OptionalLong index, Duration wait) throws Exception {
    return agent.syncAsync(instanceId, NOTHING, index, wait).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aBlockingSyncIsAnsweredAsSoonAsATickChangesTheAssignment() throws Exception {
    ControlPlaneClient.Synced first = sync(OptionalLong.empty(), Duration.ZERO);
    assertThat(first.response().tasks()).isEmpty();
    assertThat(first.index()).isPresent();

    CompletableFuture<ControlPlaneClient.Synced> blocked =
        agent.syncAsync(instanceId, NOTHING, first.index(), Duration.ofSeconds(5));
    Thread.sleep(300);
    assertThat(blocked).as("nothing changed yet: still waiting").isNotDone();

    state.service("web", "web", 1, 100, 200, true, "").commit();
    long ticked = System.nanoTime();
    plane.tick();
    ControlPlaneClient.Synced answer = blocked.get(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - ticked)).as("answered on the change, not at the 5 s cap")
        .isLessThan(Duration.ofSeconds(4));
    assertThat(answer.response().tasks()).extracting(AssignedTask::family).containsExactly("web");
    assertThat(answer.index()).isPresent().isNotEqualTo(first.index());
  }

  @Test
  void anAgentHoldingTheCurrentAssignmentIsToldItIsUnchangedInsteadOfGettingItsTasksAgain() throws Exception {
    state.service("web", "web", 2, 100, 200, true, "").commit();
    plane.tick();
    ControlPlaneClient.Synced full = sync(OptionalLong.empty(), Duration.ZERO);
    assertThat(full.response().tasks()).hasSize(2);
    assertThat(full.response().unchanged()).isFalse();

    ControlPlaneClient.Synced held =
        agent.syncAsync(instanceId, NOTHING, OptionalLong.empty(), Duration.ZERO, full.index()).get(10, TimeUnit.SECONDS);
    assertThat(held.response()).isEqualTo(SyncResponse.UNCHANGED);
    assertThat(held.index()).isEqualTo(full.index());

    ControlPlaneClient.Synced older = agent.syncAsync(instanceId, NOTHING, OptionalLong.empty(), Duration.ZERO,
        OptionalLong.of(full.index().getAsLong() - 1)).get(10, TimeUnit.SECONDS);
    assertThat(older.response()).as("an index that is not the current one gets the tasks").isEqualTo(full.response());
    assertThat(sync(OptionalLong.empty(), Duration.ZERO).response()).as("an agent that does not say what it holds")
        .isEqualTo(full.response());
  }

  @Test
  void aBlockingSyncWithoutAChangeAnswersTheSameAssignmentWhenItsWaitRunsOut() throws Exception {
    ControlPlaneClient.Synced first = sync(OptionalLong.empty(), Duration.ZERO);
    long started = System.nanoTime();

    ControlPlaneClient.Synced answer = sync(first.index(), Duration.ofMillis(400));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
    assertThat(answer.index()).isEqualTo(first.index());
    assertThat(answer.response()).isEqualTo(first.response());
  }

  @Test
  void aStaleIndexIsAnsweredAtOnce() throws Exception {
    ControlPlaneClient.Synced first = sync(OptionalLong.empty(), Duration.ZERO);
    long started = System.nanoTime();

    ControlPlaneClient.Synced answer = sync(OptionalLong.of(first.index().getAsLong() - 1), Duration.ofSeconds(5));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    assertThat(answer.index()).isEqualTo(first.index());
  }

  @Test
  void anAgentWaitingInABlockingSyncIsNotTakenForLost() throws Exception {
    ControlPlaneClient.Synced first = sync(OptionalLong.empty(), Duration.ZERO);
    CompletableFuture<ControlPlaneClient.Synced> waiting =
        agent.syncAsync(instanceId, NOTHING, first.index(), Duration.ofSeconds(5));
    for (int i = 0; i < 200 && plane.blockingSyncs(instanceId) == 0; i++) {
      Thread.sleep(50);
    }
    assertThat(plane.blockingSyncs(instanceId)).as("the sync waits on the control plane").isEqualTo(1);

    clock.advance(Duration.ofSeconds(31)); // past lostAfter since the sync arrived; the agent is still on the line
    plane.tick();

    assertThat(plane.snapshot().instances().get(instanceId).status()).isEqualTo(InstanceRecord.InstanceStatus.ACTIVE);
    assertThat(plane.snapshot().events()).noneMatch(e -> e.message().contains("LOST"));
    waiting.get(10, TimeUnit.SECONDS);
  }

  @Test
  void anAgentThatStopsSyncingIsStillTakenForLost() throws Exception {
    ControlPlaneClient.Synced first = sync(OptionalLong.empty(), Duration.ZERO);
    sync(first.index(), Duration.ofMillis(100));

    clock.advance(Duration.ofSeconds(31));
    plane.tick();

    assertThat(plane.snapshot().instances().get(instanceId).status()).isEqualTo(InstanceRecord.InstanceStatus.LOST);
  }

  @Test
  void aNewerSyncOfTheSameInstanceEndsTheOlderOnesWait() throws Exception {
    ControlPlaneClient.Synced first = sync(OptionalLong.empty(), Duration.ZERO);
    CompletableFuture<ControlPlaneClient.Synced> abandoned =
        agent.syncAsync(instanceId, NOTHING, first.index(), Duration.ofSeconds(5));
    Thread.sleep(300);
    assertThat(abandoned).isNotDone();
    long started = System.nanoTime();

    sync(OptionalLong.empty(), Duration.ZERO);

    abandoned.get(10, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void aSyncWaitsThroughOtherInstancesSyncsAndTicksThatLeaveItsAssignmentAlone() throws Exception {
    ControlPlaneClient.Synced first = sync(OptionalLong.empty(), Duration.ZERO);
    CompletableFuture<ControlPlaneClient.Synced> waiting =
        agent.syncAsync(instanceId, NOTHING, first.index(), Duration.ofSeconds(5));
    for (int i = 0; i < 200 && plane.blockingSyncs(instanceId) == 0; i++) {
      Thread.sleep(20);
    }
    // another host: its own client, joining with the join token (this one holds the first instance's credential)
    ControlPlaneClient hostB = new ControlPlaneClient(plane.uri(), "join-t");
    String other = hostB.register(new RegisterInstanceRequest("*", Optional.empty(), "host-b", 2048, 2048,
        Map.of("ecs.availability-zone", "b"), "test")).instanceId();
    hostB.sync(other, NOTHING);
    plane.tick();

    assertThat(waiting).as("neither another instance's sync nor an idle tick ends the wait").isNotDone();
    assertThat(plane.blockingSyncs(instanceId)).isEqualTo(1);

    state.service("web", "web", 2, 100, 200, true, "").commit(); // spread over zones a and b: one task here
    plane.tick();
    ControlPlaneClient.Synced answer = waiting.get(10, TimeUnit.SECONDS);
    assertThat(answer.response().tasks()).extracting(AssignedTask::family).containsExactly("web");
    assertThat(answer.index()).isPresent().isNotEqualTo(first.index());
    assertThat(plane.blockingSyncs(instanceId)).isZero();
  }

  @Test
  void aSyncOvertakenByANewerOneOfTheSameInstanceIsAnsweredWithoutFoldingItsReport() {
    BlockingSyncs bookkeeping = new BlockingSyncs(Duration.ofSeconds(30), Instant.parse("2026-12-05T10:00:00Z"));
    long older = bookkeeping.arrived("i-a");
    assertThat(bookkeeping.overtaken("i-a", older)).as("nothing answered to the instance yet").isEmpty();
    BlockingSyncs.Begun answered = bookkeeping.begin("i-a", List.of(), Duration.ZERO, 0);
    long abandoned = bookkeeping.arrived("i-a");
    long newest = bookkeeping.arrived("i-a");
    long other = bookkeeping.arrived("i-b");

    assertThat(bookkeeping.overtaken("i-a", abandoned)).hasValueSatisfying(a -> {
      assertThat(a.index()).isEqualTo(answered.answer().index());
      assertThat(a.response().tasks()).isEmpty();
    });
    assertThat(bookkeeping.overtaken("i-a", newest)).as("the newest sync is folded").isEmpty();
    assertThat(bookkeeping.overtaken("i-b", other)).isEmpty();
  }

  @Test
  void aWaitThatIsNotANumberIsRefusedNamingTheParameter() {
    assertThatThrownBy(() -> agent.post("/v1/instances/" + instanceId + "/sync?index=1&wait=soon", NOTHING, Map.class))
        .isInstanceOf(ApiException.class).hasMessageContaining("wait=soon").hasMessageContaining("milliseconds");
  }
}
