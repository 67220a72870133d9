package io.berth.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.plans.ObservedService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeStoreTest {
  @TempDir Path tmp;

  record Task(String taskArn, String lastStatus) {}

  @Test
  void aBatchIsOneCommitAndDocumentsReadBackByCollection() {
    try (StateRepository state = StateRepository.init(tmp)) {
      RuntimeStore runtime = state.runtime();
      RuntimeSnapshot empty = runtime.read();
      assertThat(empty.commit()).isEmpty();

      runtime.commit(empty.batch().put(RuntimeStore.TASKS, "prod/t1", new Task("t1", "RUNNING"))
          .put(RuntimeStore.TASKS, "prod/t2", new Task("t2", "PENDING")).build("2 tasks"));
      RuntimeSnapshot now = runtime.read();

      assertThat(now.ids(RuntimeStore.TASKS)).containsExactly("prod/t1", "prod/t2");
      assertThat(now.list(RuntimeStore.TASKS, Task.class)).extracting(Task::lastStatus)
          .containsExactly("RUNNING", "PENDING");
      assertThat(now.get(RuntimeStore.TASKS, "prod/t3", Task.class)).isEmpty();
      assertThat(runtime.read(RuntimeStore.TASKS).ids(RuntimeStore.TASKS)).containsExactly("prod/t1", "prod/t2");
      assertThat(runtime.read(RuntimeStore.EVENTS).ids(RuntimeStore.TASKS)).isEmpty();
      assertThat(state.tip()).as("runtime writes leave main alone").isPresent();
    }
  }

  @Test
  void aBatchBasedOnAnOldSnapshotLosesTheRaceAndChangesNothing() {
    try (StateRepository state = StateRepository.init(tmp)) {
      RuntimeStore runtime = state.runtime();
      RuntimeSnapshot old = runtime.read();
      runtime.commit(old.batch().put(RuntimeStore.TASKS, "prod/t1", new Task("t1", "RUNNING")).build("first"));
      RuntimeSnapshot after = runtime.read();

      assertThatThrownBy(() -> runtime.commit(old.batch().delete(RuntimeStore.TASKS, "prod/t1").build("late")))
          .isInstanceOf(StaleStateException.class);
      assertThat(runtime.read().commit()).isEqualTo(after.commit());
    }
  }

  @Test
  void updateRetriesOnTopOfTheLatestSnapshotAndDeletesWork() {
    try (StateRepository state = StateRepository.init(tmp)) {
      RuntimeStore runtime = state.runtime();
      runtime.update(s -> s.batch().put(RuntimeStore.TASKS, "prod/t1", new Task("t1", "RUNNING")).build("a"));
      RuntimeSnapshot after = runtime.update(s -> s.batch().delete(RuntimeStore.TASKS, "prod/t1")
          .put(RuntimeStore.TASKS, "prod/t2", new Task("t2", "RUNNING")).build("b"));

      assertThat(after.ids(RuntimeStore.TASKS)).containsExactly("prod/t2");
    }
  }

  @Test
  void observedServicesFeedThePlannersOutsideChangeCheck() {
    try (StateRepository state = StateRepository.init(tmp)) {
      state.runtime().update(s -> s.batch().put(RuntimeStore.SERVICES, "prod/web",
          new ObservedService("prod", "web", Optional.of(7), Optional.of("web:1"))).build("scaled out"));

      assertThat(state.live(io.berth.engine.planner.ManyStacksTest.desired(io.berth.engine.planner.ManyStacksTest
          .appJson("shop", "web", "web:1").replace("local", "prod"))).observed())
          .containsExactly(new ObservedService("prod", "web", Optional.of(7), Optional.of("web:1")));
      assertThat(state.live("billing").observed()).as("another stack's service").isEmpty();
    }
  }

  @Test
  void aReplacementWritesTheWholeStateAndAnUnchangedOneCostsNoCommit() {
    try (StateRepository state = StateRepository.init(tmp)) {
      RuntimeStore runtime = state.runtime();
      runtime.commit(runtime.read().batch().put(RuntimeStore.TASKS, "prod/t1", new Task("t1", "RUNNING"))
          .put(RuntimeStore.TASKS, "prod/t2", new Task("t2", "RUNNING")).build("two"));
      RuntimeSnapshot before = runtime.read();

      Optional<String> first = runtime.commitIfChanged(before.replacement()
          .put(RuntimeStore.TASKS, "prod/t2", new Task("t2", "RUNNING")).build("tick"));
      Optional<String> quiet = runtime.commitIfChanged(runtime.read().replacement()
          .put(RuntimeStore.TASKS, "prod/t2", new Task("t2", "RUNNING")).build("quiet tick"));

      assertThat(first).isPresent();
      assertThat(quiet).isEmpty();
      assertThat(runtime.read().ids(RuntimeStore.TASKS)).containsExactly("prod/t2");
      assertThat(runtime.read().commit()).isEqualTo(first);
    }
  }

  @Test
  void commitsChainedOnTheStoresOwnLastCommitKeepEveryOtherDocument() {
    try (StateRepository state = StateRepository.init(tmp)) {
      RuntimeStore runtime = state.runtime();
      String first = runtime.commitIfChanged(runtime.read().replacement()
          .put(RuntimeStore.TASKS, "prod/t1", new Task("t1", "RUNNING"))
          .put(RuntimeStore.TASKS, "prod/t2", new Task("t2", "RUNNING")).build("two")).orElseThrow();
      // as the control plane does: each batch based on the commit it wrote last, without reading it back
      String second = runtime.commitIfChanged(edit(first, "prod/t3", "{\"taskArn\":\"t3\"}")).orElseThrow();
      String third = runtime.commitIfChanged(new RuntimeBatch(Optional.of(second), "t1 gone",
          Map.of(RuntimeSnapshot.path(RuntimeStore.TASKS, "prod/t1"), Optional.empty()), false)).orElseThrow();

      assertThat(runtime.commitIfChanged(edit(third, "prod/t3", "{\"taskArn\":\"t3\"}")))
          .as("the same document again is no change").isEmpty();
      try (StateRepository fresh = StateRepository.open(tmp)) {
        assertThat(fresh.runtime().read().commit()).contains(third);
        assertThat(fresh.runtime().read().ids(RuntimeStore.TASKS)).containsExactly("prod/t2", "prod/t3");
      }
    }
  }

  @Test
  void aCommitOnTopOfAnotherWritersCommitReadsThatCommitsFiles() {
    try (StateRepository state = StateRepository.init(tmp); StateRepository other = StateRepository.open(tmp)) {
      RuntimeStore runtime = state.runtime();
      String mine = runtime.commitIfChanged(runtime.read().replacement()
          .put(RuntimeStore.TASKS, "prod/t1", new Task("t1", "RUNNING")).build("one")).orElseThrow();
      String theirs = other.runtime().commit(other.runtime().read().batch()
          .put(RuntimeStore.TASKS, "prod/t9", new Task("t9", "RUNNING")).build("someone else"));

      assertThatThrownBy(() -> runtime.commitIfChanged(edit(mine, "prod/t2", "{}")))
          .isInstanceOf(StaleStateException.class);
      runtime.commitIfChanged(edit(theirs, "prod/t2", "{}")).orElseThrow();

      assertThat(runtime.read().ids(RuntimeStore.TASKS)).containsExactly("prod/t1", "prod/t2", "prod/t9");
    }
  }

  private static RuntimeBatch edit(String base, String taskId, String json) {
    return new RuntimeBatch(Optional.of(base), "edit " + taskId, Map.of(RuntimeSnapshot.path(RuntimeStore.TASKS, taskId),
        Optional.of(json.getBytes(StandardCharsets.UTF_8))), false);
  }

  @Test
  void documentNamesThatCannotBePathsAreRefused() {
    try (StateRepository state = StateRepository.init(tmp)) {
      assertThatThrownBy(() -> state.runtime().read().batch().put(RuntimeStore.TASKS, "../x", "v"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'..'");
    }
  }
}
