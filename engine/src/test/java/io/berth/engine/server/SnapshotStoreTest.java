package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.state.StateRepository;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime snapshot on the runtime ref of a real Git repository: one commit per real change. */
class SnapshotStoreTest {
  @TempDir Path temp;

  @Test
  void anUnchangedSnapshotIsNotCommittedAgainAndAChangedOneIsWrittenInFull() throws Exception {
    try (StateRepoFixture fixture = new StateRepoFixture(temp.resolve("state.git"));
        StateRepository repository = StateRepository.open(fixture.dir)) {
      SnapshotStore store = new SnapshotStore(repository.runtime());
      ClusterSnapshot first = withEvent(store.read(), "first");

      assertThat(store.write(first, List.of(), "first")).as("first write").isTrue();
      assertThat(store.write(withEvent(ClusterSnapshot.empty(), "first"), List.of(), "again"))
          .as("an equal snapshot (another instance) is no change").isFalse();

      ClusterSnapshot second = withEvent(first, "second");
      assertThat(store.write(second, List.of(), "second")).as("one more event").isTrue();

      ClusterSnapshot reread = new SnapshotStore(repository.runtime()).read();
      assertThat(reread.events()).extracting(ServiceEvent::message).containsExactly("first", "second");
      assertThat(reread.nextEventSeq()).isEqualTo(second.nextEventSeq());
    }
  }

  private static ClusterSnapshot withEvent(ClusterSnapshot snapshot, String message) {
    ClusterSnapshot.Builder next = snapshot.toBuilder();
    next.event(Instant.parse("2026-01-01T00:00:00Z"), "web", message);
    return next.build();
  }
}
