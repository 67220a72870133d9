package io.berth.engine.state;

import static io.berth.engine.state.StateFixtures.message;
import static io.berth.engine.state.StateFixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.plans.DeclaredState;
import io.berth.plans.LiveState;
import io.berth.plans.TaskDefinitionRevision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateRepositoryTest {
  @TempDir Path tmp;

  @Test
  void initCreatesABareRepositoryOnMainHoldingTheLayoutVersion() throws Exception {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"))) {
      assertThat(state.tip()).isPresent();
      assertThat(Files.exists(tmp.resolve("state/HEAD"))).isTrue();
      assertThat(git("cat-file", "-p", "main:layout-version").strip()).isEqualTo("2");
      assertThat(state.live("shop").declared()).isEqualTo(DeclaredState.empty("shop"));
    }
  }

  @Test
  void applyWritesOneCommitWithTrailersAndTheStateReadsBack() throws Exception {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"))) {
      String commit = state.apply(state.tip(), shop("shop:1", 2),
          new ApplyCommit("Plan: 4 to add, 0 to change, 0 to destroy.", "+ service prod/web", "p-1", "sha256:ab"));

      assertThat(state.tip()).contains(commit);
      LiveState live = state.live("shop");
      assertThat(StateLayout.json(live.declared())).isEqualTo(StateLayout.json(shop("shop:1", 2)));
      assertThat(live.latestRevisions()).containsEntry("web", 1);
      assertThat(state.history(10)).hasSize(2).first().satisfies(c -> {
        assertThat(c.summary()).isEqualTo("Plan: 4 to add, 0 to change, 0 to destroy.");
        assertThat(c.planId()).contains("p-1");
        assertThat(c.planDigest()).contains("sha256:ab");
      });
      assertThat(git("ls-tree", "-r", "--name-only", "main")).contains(
          "clusters/prod.json", "roles/web-task.json", "services/prod/web.json", "task-definitions/web/1.json",
          "stack.json", "layout-version");
    }
  }

  @Test
  void olderRevisionsStayInTheTreeAndTheIndexNamesTheActiveOne() throws Exception {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"))) {
      state.apply(state.tip(), shop("shop:1", 2), message("first"));
      DeclaredState second = withRevision(shop("shop:2", 2), 2);
      state.apply(state.tip(), second, message("second"));

      assertThat(git("ls-tree", "-r", "--name-only", "main"))
          .contains("task-definitions/web/1.json", "task-definitions/web/2.json");
      assertThat(state.live("shop").declared().taskDefinitions()).extracting(TaskDefinitionRevision::arn)
          .containsExactly("web:2");
      assertThat(state.taskDefinition("web", 1).orElseThrow().containerDefinitions().get(0).image())
          .contains("shop:1");
      assertThat(state.taskDefinition("web", 3)).isEmpty();
      assertThat(state.declaredAt("main~1").taskDefinitions().get(0).definition().containerDefinitions()
          .get(0).image()).contains("shop:1");
    }
  }

  @Test
  void rewritingAStoredRevisionIsRefused() throws Exception {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"))) {
      state.apply(state.tip(), shop("shop:1", 2), message("first"));
      Optional<String> before = state.tip();

      assertThatThrownBy(() -> state.apply(before, shop("shop:2", 2), message("second")))
          .isInstanceOf(StateException.class).hasMessageContaining("task-definitions/web/1.json")
          .hasMessageContaining("immutable");
      assertThat(state.tip()).isEqualTo(before);
    }
  }

  @Test
  void applyingOnAStaleBaseIsRefusedAndChangesNothing() throws Exception {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"))) {
      Optional<String> base = state.tip();
      state.apply(base, shop("shop:1", 2), message("first"));
      Optional<String> tip = state.tip();

      assertThatThrownBy(() -> state.apply(base, shop("shop:1", 3), message("stale")))
          .isInstanceOfSatisfying(StateMovedException.class, e -> {
            assertThat(e.base()).isEqualTo(base.get());
            assertThat(e.tip()).isEqualTo(tip.get());
            assertThat(e.changed()).containsExactly("");
            assertThat(e.getMessage()).startsWith("the state moved since the plan: plan again (the plan read main at "
                + base.get().substring(0, 12) + ", main is now at " + tip.get().substring(0, 12));
          });
      assertThat(state.tip()).isEqualTo(tip);
      assertThat(git("fsck", "--strict")).doesNotContain("error");
    }
  }

  @Test
  void aHeldLockIsToldApartFromAStaleBase() throws Exception {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"))) {
      Optional<String> base = state.tip();
      Path lock = tmp.resolve("state/refs/heads/main.lock");
      Files.writeString(lock, "held by another writer\n");

      assertThatThrownBy(() -> state.apply(base, shop("shop:1", 2), message("locked")))
          .isInstanceOf(StateLockedException.class).hasMessageContaining("locked by another writer")
          .hasMessageContaining("main.lock");
      assertThat(state.tip()).isEqualTo(base);

      Files.delete(lock);
      assertThat(state.apply(base, shop("shop:1", 2), message("after the lock"))).isNotEmpty();
    }
  }

  @Test
  void aPlainTextSecretIsRefusedAndNeverReachesAnObject() throws Exception {
    String planted = "hunter2-planted-7f3a";
    try (StateRepository state = StateRepository.init(tmp.resolve("state"))) {
      DeclaredState leaky = new DeclaredState("shop", List.of(), List.of(),
          List.of(new TaskDefinitionRevision(1, StateFixtures.taskDefinition("web", "shop:1", "DB_PASSWORD", planted))),
          List.of(), List.of());

      assertThatThrownBy(() -> state.apply(state.tip(), leaky, message("leak")))
          .hasMessageContaining("DB_PASSWORD").hasMessageContaining("secrets");
    }
    assertThat(allObjectContents()).doesNotContain(planted);
  }

  @Test
  void aDirectoryThatIsNotARepositoryFailsNamingTheFix() throws Exception {
    Path notGit = Files.createDirectories(tmp.resolve("plain"));
    Files.writeString(notGit.resolve("file.txt"), "x");

    assertThatThrownBy(() -> StateRepository.open(notGit)).isInstanceOf(StateException.class)
        .hasMessageContaining("is not a Git repository").hasMessageContaining("berth init");
    assertThatThrownBy(() -> StateRepository.open(tmp.resolve("missing"))).isInstanceOf(StateException.class)
        .hasMessageContaining("no state repository at").hasMessageContaining("berth init");
  }

  @Test
  void anUnknownLayoutVersionIsRefused() throws Exception {
    Path dir = tmp.resolve("state");
    StateRepository.init(dir).close();
    Path work = tmp.resolve("work");
    run(tmp, "git", "clone", "-q", dir.toString(), work.toString());
    Files.writeString(work.resolve("layout-version"), "7\n");
    run(work, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "future layout");
    run(work, "git", "push", "-q", "origin", "main");

    assertThatThrownBy(() -> StateRepository.open(dir)).isInstanceOf(StateException.class)
        .hasMessageContaining("layout version '7'");
  }

  @Test
  void aCorruptObjectFailsClearlyAndMovesNoRef() throws Exception {
    Path dir = tmp.resolve("state");
    String tip;
    try (StateRepository state = StateRepository.init(dir)) {
      tip = state.apply(state.tip(), shop("shop:1", 2), message("first"));
    }
    String blob = git("rev-parse", "main:stacks/shop/services/prod/web.json").strip();
    Path object = dir.resolve("objects").resolve(blob.substring(0, 2)).resolve(blob.substring(2));
    object.toFile().setWritable(true);
    Files.write(object, new byte[] {1, 2, 3, 4});

    try (StateRepository state = StateRepository.open(dir)) {
      assertThatThrownBy(() -> state.live("shop")).isInstanceOf(StateException.class)
          .hasMessageContaining("is damaged").hasMessageContaining("fsck");
    }
    assertThat(git("rev-parse", "main").strip()).isEqualTo(tip);
  }

  @Test
  void anotherStackOfTheSameStateIsPlannedOnItsOwn() {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"))) {
      state.apply(state.tip(), shop("shop:1", 2), message("first"));

      LiveState billing = state.live("billing");
      assertThat(billing.declared()).isEqualTo(DeclaredState.empty("billing"));
      assertThat(billing.reads()).containsOnlyKeys("layout-version", "stacks/billing")
          .containsEntry("stacks/billing", "0".repeat(40));
    }
  }

  @Test
  void unknownRevisionsPointAtHistory() {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"))) {
      assertThatThrownBy(() -> state.declaredAt("deadbeef")).hasMessageContaining("berth history");
    }
  }

  static DeclaredState withRevision(DeclaredState state, int revision) {
    TaskDefinitionRevision td = state.taskDefinitions().get(0);
    return new DeclaredState(state.stack(), state.roles(), state.clusters(),
        List.of(new TaskDefinitionRevision(revision, td.definition())),
        List.of(StateFixtures.service("prod", "web", "web:" + revision, 2)), state.scaling());
  }

  private String allObjectContents() throws Exception {
    StringBuilder all = new StringBuilder();
    for (String line : git("cat-file", "--batch-all-objects", "--batch-check=%(objectname)").split("\n")) {
      if (!line.isBlank()) {
        all.append(git("cat-file", "-p", line.strip()));
      }
    }
    return all.toString();
  }

  private String git(String... args) throws Exception {
    return run(tmp, Stream.concat(Stream.of("git", "--git-dir", tmp.resolve("state").toString()), Stream.of(args))
        .toArray(String[]::new));
  }

  static String run(Path dir, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
