package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.ObservedTask;
import io.berth.engine.state.RuntimeSnapshot;
import io.berth.engine.state.RuntimeStore;
import io.berth.engine.state.StateRepository;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime snapshot on the runtime ref of a real Git repository: decisions at once, status batched. */
class SnapshotStoreTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration SECOND = Duration.ofSeconds(1);
  @TempDir Path temp;

  @Test
  void anUnchangedSnapshotIsNotCommittedAgainAndAChangedOneIsWrittenInFull() throws Exception {
    try (StateRepoFixture fixture = new StateRepoFixture(temp.resolve("state.git"));
        StateRepository repository = StateRepository.open(fixture.dir)) {
      SnapshotStore store = new SnapshotStore(repository.runtime());
      ControlPlaneSnapshot first = withEvent(store.read(), "first");

      assertThat(write(store, first, T0, Duration.ZERO)).as("first write").isEqualTo(SnapshotStore.Outcome.COMMITTED);
      assertThat(write(store, withEvent(ControlPlaneSnapshot.empty(), "first"), T0, Duration.ZERO))
          .as("an equal snapshot (another instance) is no change").isEqualTo(SnapshotStore.Outcome.UNCHANGED);

      ControlPlaneSnapshot second = withEvent(first, "second");
      assertThat(write(store, second, T0, Duration.ZERO)).as("one more event").isEqualTo(SnapshotStore.Outcome.COMMITTED);

      ControlPlaneSnapshot reread = new SnapshotStore(repository.runtime()).read();
      assertThat(reread.events()).extracting(ServiceEventRecord::message).containsExactly("first", "second");
      assertThat(reread.nextEventSeq()).isEqualTo(second.nextEventSeq());
    }
  }

  @Test
  void statusOnlyChangesAreCoalescedIntoOneCommitPerInterval() throws Exception {
    try (StateRepoFixture fixture = new StateRepoFixture(temp.resolve("state.git"));
        StateRepository repository = StateRepository.open(fixture.dir)) {
      SnapshotStore store = new SnapshotStore(repository.runtime());
      ControlPlaneSnapshot placed = withTask(store.read(), TaskRecord.placed("t-1", "default", "web", "d-1", "web", 1, "i-1", T0));
      assertThat(write(store, placed, T0, SECOND)).as("a placement").isEqualTo(SnapshotStore.Outcome.COMMITTED);
      ControlPlaneSnapshot seen = observe(placed, TaskStatus.PENDING, HealthStatus.UNKNOWN, T0.plusMillis(100));
      assertThat(write(store, seen, T0.plusMillis(100), SECOND)).as("the agent's first report")
          .isEqualTo(SnapshotStore.Outcome.COMMITTED);
      String afterFirstReport = tip(repository);

      ControlPlaneSnapshot running = observe(seen, TaskStatus.RUNNING, HealthStatus.UNKNOWN, T0.plusMillis(200));
      ControlPlaneSnapshot healthy = observe(running, TaskStatus.RUNNING, HealthStatus.HEALTHY, T0.plusMillis(300));
      assertThat(write(store, running, T0.plusMillis(200), SECOND)).isEqualTo(SnapshotStore.Outcome.DEFERRED);
      assertThat(write(store, healthy, T0.plusMillis(300), SECOND)).isEqualTo(SnapshotStore.Outcome.DEFERRED);
      assertThat(write(store, healthy, T0.plusMillis(1000), SECOND)).as("nothing new, interval not over")
          .isEqualTo(SnapshotStore.Outcome.DEFERRED);
      assertThat(tip(repository)).as("status waits for its batch").isEqualTo(afterFirstReport);
      assertThat(new SnapshotStore(repository.runtime()).read().tasks().get("t-1").lastStatus()).isEqualTo(TaskStatus.PENDING);

      assertThat(write(store, healthy, T0.plusMillis(1100), SECOND)).as("a second after the last commit")
          .isEqualTo(SnapshotStore.Outcome.COMMITTED);
      ControlPlaneSnapshot reread = new SnapshotStore(repository.runtime()).read();
      assertThat(reread.tasks().get("t-1").healthStatus()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(write(store, healthy, T0.plusMillis(5000), SECOND)).isEqualTo(SnapshotStore.Outcome.UNCHANGED);

      // An event line's sequence number must never be handed out twice after a restart.
      ControlPlaneSnapshot announced = withEvent(healthy, "up");
      assertThat(write(store, announced, T0.plusMillis(5100), SECOND)).as("a new event line")
          .isEqualTo(SnapshotStore.Outcome.COMMITTED);
      assertThat(new SnapshotStore(repository.runtime()).read().events()).extracting(ServiceEventRecord::message)
          .containsExactly("up");
    }
  }

  @Test
  void aDecisionIsCommittedAtOnceWithTheStatusWaitingForItsBatch() throws Exception {
    try (StateRepoFixture fixture = new StateRepoFixture(temp.resolve("state.git"));
        StateRepository repository = StateRepository.open(fixture.dir)) {
      SnapshotStore store = new SnapshotStore(repository.runtime());
      ControlPlaneSnapshot placed = withTask(store.read(), TaskRecord.placed("t-1", "default", "web", "d-1", "web", 1, "i-1", T0));
      ControlPlaneSnapshot running = observe(placed, TaskStatus.RUNNING, HealthStatus.UNKNOWN, T0);
      write(store, running, T0, SECOND);
      ControlPlaneSnapshot healthy = observe(running, TaskStatus.RUNNING, HealthStatus.HEALTHY, T0.plusMillis(100));
      assertThat(write(store, healthy, T0.plusMillis(100), SECOND)).isEqualTo(SnapshotStore.Outcome.DEFERRED);

      ControlPlaneSnapshot another = withTask(healthy, TaskRecord.placed("t-2", "default", "web", "d-1", "web", 1, "i-2", T0));
      assertThat(write(store, another, T0.plusMillis(200), SECOND)).as("a placement inside the interval")
          .isEqualTo(SnapshotStore.Outcome.COMMITTED);
      ControlPlaneSnapshot reread = new SnapshotStore(repository.runtime()).read();
      assertThat(reread.tasks()).containsOnlyKeys("t-1", "t-2");
      assertThat(reread.tasks().get("t-1").healthStatus()).as("the pending status went with it").isEqualTo(HealthStatus.HEALTHY);

      ControlPlaneSnapshot stopping = withTask(another, another.tasks().get("t-1").stop("Scaling down"));
      assertThat(write(store, stopping, T0.plusMillis(300), SECOND)).as("a desired status change")
          .isEqualTo(SnapshotStore.Outcome.COMMITTED);
    }
  }

  @Test
  void aStateWrittenWithTheFlatLayoutIsReadAndMovedToTheCurrentOneByTheFirstWrite() throws Exception {
    try (StateRepoFixture fixture = new StateRepoFixture(temp.resolve("state.git"));
        StateRepository repository = StateRepository.open(fixture.dir)) {
      // as a control plane wrote it before tasks got a directory per service and events one per chunk
      TaskRecord task = TaskRecord.placed("t-1", "default", "web", "d-1", "web", 1, "i-1", T0);
      var json = RuntimeJson.mapper();
      repository.runtime().update(s -> s.batch().putJson(RuntimeStore.TASKS, "default/t-1", bytes(json, task))
          .putJson(RuntimeStore.EVENTS, "000000099", withoutCluster(bytes(json,
              new ServiceEventRecord(99, T0, "default", "web", "old"))))
          .putJson(RuntimeStore.EVENTS, "000000100", bytes(json, new ServiceEventRecord(100, T0, "default", "web", "newer")))
          .put(SnapshotStore.META, "control-plane", java.util.Map.of("nextEventSeq", 101)).build("flat layout"));

      SnapshotStore store = new SnapshotStore(repository.runtime());
      ControlPlaneSnapshot resumed = store.read();
      assertThat(resumed.tasks()).containsOnlyKeys("t-1");
      assertThat(resumed.events()).extracting(ServiceEventRecord::message).containsExactly("old", "newer");
      assertThat(resumed.events()).as("events from before they carried the cluster read as of no cluster")
          .extracting(ServiceEventRecord::cluster).containsExactly("", "default");
      assertThat(write(store, withEvent(resumed, "after"), T0, SECOND)).isEqualTo(SnapshotStore.Outcome.COMMITTED);

      RuntimeSnapshot moved = repository.runtime().read();
      assertThat(moved.ids(RuntimeStore.TASKS)).containsExactly("default/web/t-1");
      assertThat(moved.ids(RuntimeStore.EVENTS)).containsExactly("000000050/000000099", "000000100/000000100",
          "000000100/000000101");
      assertThat(new SnapshotStore(repository.runtime()).read().events()).extracting(ServiceEventRecord::message)
          .containsExactly("old", "newer", "after");
    }
  }

  /** An event document as a control plane wrote it before events carried their service's cluster. */
  private static byte[] withoutCluster(byte[] event) {
    String json = new String(event, java.nio.charset.StandardCharsets.UTF_8);
    String without = json.replaceFirst("\\s*\"cluster\"\\s*:\\s*\"default\",", "");
    assertThat(without).isNotEqualTo(json);
    return without.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] bytes(com.fasterxml.jackson.databind.ObjectMapper json, Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static SnapshotStore.Outcome write(SnapshotStore store, ControlPlaneSnapshot snapshot, Instant now, Duration interval) {
    return store.write(snapshot, List.of(), () -> "test", now, interval);
  }

  private static String tip(StateRepository repository) {
    return repository.runtime().read().commit().orElseThrow();
  }

  private static ControlPlaneSnapshot withTask(ControlPlaneSnapshot snapshot, TaskRecord task) {
    ControlPlaneSnapshot.Builder next = snapshot.toBuilder();
    next.tasks.put(task.taskId(), task);
    return next.build();
  }

  private static ControlPlaneSnapshot observe(ControlPlaneSnapshot snapshot, TaskStatus status, HealthStatus health, Instant now) {
    ControlPlaneSnapshot.Builder next = snapshot.toBuilder();
    next.tasks.replaceAll((id, task) -> task.observe(new ObservedTask(id, status, health, List.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), now));
    return next.build();
  }

  private static ControlPlaneSnapshot withEvent(ControlPlaneSnapshot snapshot, String message) {
    ControlPlaneSnapshot.Builder next = snapshot.toBuilder();
    next.event(T0, "default", "web", message);
    return next.build();
  }
}
