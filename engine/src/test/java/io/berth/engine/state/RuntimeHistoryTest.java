package io.berth.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.testing.GitCli;
import io.berth.engine.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime ref's history stays bounded; main's is never touched; commits write only what changed. */
class RuntimeHistoryTest {
  private static final int KEEP = 5;
  @TempDir Path tmp;

  @Test
  void pastTwiceTheLimitTheHistoryIsCutToTheNewestCommitsAndWhatOnlyDroppedCommitsReachedIsDeleted() throws Exception {
    MutableClock clock = new MutableClock();
    try (StateRepository state = StateRepository.init(tmp.resolve("state"), clock)) {
      Repository repo = state.repository();
      RuntimeHistory history = new RuntimeHistory(repo, clock, KEEP, Duration.ofMinutes(10));
      RuntimeStore runtime = new RuntimeStore(repo, clock, history);
      List<String> mainBefore = log(repo, StateRepository.MAIN);
      List<String> tips = new ArrayList<>();
      for (int i = 1; i < 2 * KEEP; i++) {
        clock.advance(Duration.ofSeconds(1));
        tips.add(commitTask(runtime, i));
      }
      assertThat(log(repo, StateRepository.RUNTIME)).hasSize(2 * KEEP - 1);
      ObjectId droppedBlob = blob(repo, tips.get(0), "meta/last.json");

      // Files on disk are as old as the real time; the clock says an hour has passed since.
      clock.set(Instant.now().plus(Duration.ofHours(1)));
      String last = commitTask(runtime, 2 * KEEP);
      history.lastCollection().get(60, TimeUnit.SECONDS);

      List<RevCommit> kept = commits(repo, StateRepository.RUNTIME);
      assertThat(kept).hasSize(KEEP);
      assertThat(kept.get(KEEP - 1).getParentCount()).as("the oldest kept commit is a root").isZero();
      assertThat(kept).extracting(RevCommit::getShortMessage)
          .containsExactly("task 10", "task 9", "task 8", "task 7", "task 6");
      assertThat(kept.get(0).getTree().name()).as("the same state").isEqualTo(tree(repo, last));
      assertThat(kept.get(1).getCommitTime()).as("times are kept")
          .isEqualTo((int) MutableClock.START.plusSeconds(KEEP * 2 - 1).getEpochSecond());
      assertThat(runtime.read().ids(RuntimeStore.TASKS)).hasSize(2 * KEEP);
      assertThat(runtime.read().commit()).contains(kept.get(0).name());

      try (Repository fresh = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(repo.getDirectory())
          .build()) {
        for (String dropped : tips) { // the newest are kept as copies with new parents
          assertThat(fresh.getObjectDatabase().has(ObjectId.fromString(dropped))).as("dropped commit " + dropped).isFalse();
        }
        assertThat(fresh.getObjectDatabase().has(droppedBlob)).as("a document only dropped commits held").isFalse();
      }
      assertThat(log(repo, StateRepository.MAIN)).as("main is never rewritten").isEqualTo(mainBefore);
      GitCli.fsck(repo.getDirectory().toPath());

      for (int i = 2 * KEEP + 1; i < 3 * KEEP; i++) {
        commitTask(runtime, i);
      }
      assertThat(commits(repo, StateRepository.RUNTIME)).as("under twice the limit, ever").hasSize(2 * KEEP - 1);
      String beforeSecond = runtime.read().commit().orElseThrow();
      clock.advance(Duration.ofMinutes(1));
      assertThat(commitTask(runtime, 3 * KEEP)).isEqualTo(runtime.read().commit().orElseThrow());
      assertThat(commits(repo, StateRepository.RUNTIME)).hasSize(KEEP);
      assertThat(history.lastCollection()).as("within the grace of the last collection, none starts").isDone();
      assertThat(repo.getObjectDatabase().has(ObjectId.fromString(beforeSecond))).isTrue();

      clock.advance(Duration.ofMinutes(10));
      commitTask(runtime, 3 * KEEP + 1);
      history.lastCollection().get(60, TimeUnit.SECONDS);
      try (Repository fresh = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(repo.getDirectory())
          .build()) {
        assertThat(fresh.getObjectDatabase().has(ObjectId.fromString(beforeSecond))).as("collected once due").isFalse();
      }
      GitCli.fsck(repo.getDirectory().toPath());
    }
  }

  @Test
  void unreachableObjectsYoungerThanTheGraceStayForAWriterThatHasNotMovedItsRefYet() throws Exception {
    MutableClock clock = new MutableClock();
    clock.set(Instant.now());
    try (StateRepository state = StateRepository.init(tmp.resolve("state"), clock)) {
      Repository repo = state.repository();
      RuntimeHistory history = new RuntimeHistory(repo, clock, KEEP, Duration.ofMinutes(10));
      RuntimeStore runtime = new RuntimeStore(repo, clock, history);
      String first = commitTask(runtime, 1);
      for (int i = 2; i <= 2 * KEEP; i++) {
        commitTask(runtime, i);
      }
      history.lastCollection().get(60, TimeUnit.SECONDS);

      assertThat(commits(repo, StateRepository.RUNTIME)).hasSize(KEEP);
      assertThat(repo.getObjectDatabase().has(ObjectId.fromString(first))).as("written a moment ago").isTrue();
      GitCli.fsck(repo.getDirectory().toPath());
    }
  }

  @Test
  void onARemoteStateTheRuntimeRefIsCompactedInTheShallowCacheAndNeverPushed() throws Exception {
    Path remote = GitCli.bare(tmp, "remote.git");
    MutableClock clock = new MutableClock();
    StateRepository.init(StateAccess.parse(remote.toUri().toString(), tmp.resolve("first"), false), clock,
        Attribution.berth("test")).close();
    GitCli.run(tmp, "clone", "--quiet", remote.toString(), "work");
    GitCli.run(tmp.resolve("work"), "commit", "--quiet", "--allow-empty", "-m", "a second commit on main");
    GitCli.run(tmp.resolve("work"), "push", "--quiet", "origin", "main");
    try (StateRepository state = StateRepository.open(StateAccess.parse(remote.toUri().toString(), tmp.resolve("cache"),
        false), clock)) {
      Repository repo = state.repository();
      assertThat(repo.getObjectDatabase().getShallowCommits()).as("a new cache fetches main's tip only").isNotEmpty();
      RuntimeHistory history = new RuntimeHistory(repo, clock, KEEP, Duration.ofMinutes(10));
      RuntimeStore runtime = new RuntimeStore(repo, clock, history);
      ObjectId main = repo.resolve(StateRepository.MAIN);
      clock.set(Instant.now().plus(Duration.ofHours(1)));
      for (int i = 1; i <= 2 * KEEP; i++) {
        commitTask(runtime, i);
      }
      history.lastCollection().get(60, TimeUnit.SECONDS);

      assertThat(commits(repo, StateRepository.RUNTIME)).hasSize(KEEP);
      assertThat(repo.resolve(StateRepository.MAIN)).isEqualTo(main);
      assertThat(state.tip()).contains(main.name());
      GitCli.fsck(repo.getDirectory().toPath());
      assertThat(GitCli.run(tmp, "--git-dir", remote.toString(), "for-each-ref")).doesNotContain("refs/berth/runtime");
    }
  }

  @Test
  void aCommitWritesTheTreesOfTheDirectoriesItChangedAndKeepsEveryOtherTree() throws Exception {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"))) {
      Repository repo = state.repository();
      RuntimeStore runtime = state.runtime();
      RuntimeBatch.Builder all = runtime.read().replacement();
      for (String service : List.of("web", "api", "worker")) {
        for (int i = 0; i < 40; i++) {
          all.put(RuntimeStore.TASKS, "prod/" + service + "/" + service + "-" + i, Map.of("n", i));
        }
      }
      String before = runtime.commitIfChanged(all.build("120 tasks")).orElseThrow();
      Map<String, ObjectId> treesBefore = GitTrees.listing(repo, ObjectId.fromString(before)).trees();
      long objectsBefore = objects(repo);

      String after = runtime.commitIfChanged(new RuntimeBatch(Optional.of(before), "one task",
          Map.of("tasks/prod/api/api-3.json", Optional.of("{\"n\":33}".getBytes(StandardCharsets.UTF_8))), false))
          .orElseThrow();

      GitTrees.Listing listing = GitTrees.listing(repo, ObjectId.fromString(after));
      assertThat(objects(repo) - objectsBefore).as("a blob, 4 trees (api, prod, tasks, root) and a commit")
          .isEqualTo(6);
      assertThat(listing.trees().get("tasks/prod/web")).isEqualTo(treesBefore.get("tasks/prod/web"));
      assertThat(listing.trees().get("tasks/prod/api")).isNotEqualTo(treesBefore.get("tasks/prod/api"));
      assertThat(listing.files()).hasSize(120);
      assertThat(runtime.read().json(RuntimeStore.TASKS, "prod/api/api-3").map(String::new)).contains("{\"n\":33}");

      // a whole directory removed, one added, in a commit the store did not write itself
      RuntimeSnapshot now = runtime.read();
      RuntimeBatch.Builder next = now.replacement();
      for (String id : now.ids(RuntimeStore.TASKS)) {
        if (!id.startsWith("prod/worker/")) {
          next.putJson(RuntimeStore.TASKS, id, now.json(RuntimeStore.TASKS, id).orElseThrow());
        }
      }
      next.put(RuntimeStore.TASKS, "staging/web/w-1", Map.of("n", 1));
      try (StateRepository other = StateRepository.open(tmp.resolve("state"))) {
        other.runtime().commit(next.build("worker gone, staging"));
      }
      RuntimeSnapshot reread = runtime.read();
      assertThat(reread.ids(RuntimeStore.TASKS)).hasSize(81).contains("staging/web/w-1")
          .noneMatch(id -> id.startsWith("prod/worker/"));
      GitCli.fsck(repo.getDirectory().toPath());
    }
  }

  private static String commitTask(RuntimeStore runtime, int n) {
    RuntimeSnapshot now = runtime.read();
    return runtime.commit(now.batch().put(RuntimeStore.TASKS, "prod/web/t-" + n, Map.of("n", n))
        .put(RuntimeStore.EVENTS, String.format("%09d", n), Map.of("message", "task " + n))
        .put("meta", "last", Map.of("last", n)).build("task " + n));
  }

  private static List<RevCommit> commits(Repository repo, String ref) throws Exception {
    List<RevCommit> commits = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(repo.resolve(ref)));
      walk.forEach(commits::add);
    }
    return commits;
  }

  private static List<String> log(Repository repo, String ref) throws Exception {
    return commits(repo, ref).stream().map(RevCommit::name).toList();
  }

  private static String tree(Repository repo, String commit) throws Exception {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(ObjectId.fromString(commit)).getTree().name();
    }
  }

  private static ObjectId blob(Repository repo, String commit, String path) {
    return GitTrees.files(repo, ObjectId.fromString(commit)).get(path);
  }

  /** Objects stored, loose and packed (an object in two packs counts twice). */
  private static long objects(Repository repo) {
    long objects = 0;
    for (String line : GitCli.run(repo.getDirectory().toPath(), "count-objects", "-v").split("\n")) {
      if (line.startsWith("count:") || line.startsWith("in-pack:")) {
        objects += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    return objects;
  }
}
