package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.server.StateRepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth server} as separate processes on one state repository: a second control plane is
 * refused while the first runs, and a control plane started after a kill -9 that left the runtime
 * ref's lock file behind (the kill landed inside a commit) takes that file over and commits. Before
 * the fix every later control plane failed each commit with "locked by another writer", which the
 * chaos suite found (docs/reliability.md).
 */
@Tag("e2e")
class ControlPlaneLockE2ETest {
  private static final String RUNTIME = "refs/berth/runtime";
  @TempDir Path work;

  @Test
  void oneControlPlanePerStateAndAKilledOnesRuntimeLockIsTakenOver() throws Exception {
    Path state = work.resolve("state.git");
    try (StateRepoFixture fixture = new StateRepoFixture(state)) {
      fixture.taskDefinition("web", 1, "berth-example/webapp:1", "").service("web", "web", 2, 50, 200, false, "")
          .commit();
    }
    Process first = server("first");
    Process third = null;
    try {
      BerthProcesses.awaitMatch(work.resolve("first.log"), Pattern.compile("listening on (https://\\S+)"));
      awaitRuntimeCommit(state, Optional.empty(), "the first control plane's first runtime commit");

      Process second = server("second");
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second control plane gives up").isTrue();
      String refused = Files.readString(work.resolve("second.log"));
      assertThat(second.exitValue()).as(refused).isNotZero();
      assertThat(refused).contains("another berth control plane (berth server or berth up) runs on the state " + state)
          .doesNotContain("Exception");

      first.destroyForcibly().waitFor(); // kill -9
      // what a kill inside a commit leaves: JGit's lock file on the ref, never renamed into place
      Optional<ObjectId> before = runtime(state);
      Files.writeString(state.resolve(RUNTIME + ".lock"), before.orElseThrow().name() + "\n");

      third = server("third");
      BerthProcesses.awaitMatch(work.resolve("third.log"), Pattern.compile("listening on (https://\\S+)"));
      try (StateRepoFixture fixture = new StateRepoFixture(state)) {
        // a change the control plane records on the runtime ref: a new desired count
        fixture.taskDefinition("web", 1, "berth-example/webapp:1", "").service("web", "web", 3, 50, 200, false, "")
            .commit();
      }
      awaitRuntimeCommit(state, before, "a runtime commit after the take-over");
      assertThat(Files.readString(work.resolve("third.log")))
          .contains("took over refs/berth/runtime.lock, left by a control plane that stopped in the middle of a commit");
      assertThat(third.isAlive()).isTrue();
      assertThat(Files.readString(work.resolve("third.log"))).doesNotContain("locked by another writer");
    } finally {
      first.destroyForcibly();
      if (third != null) {
        third.destroy();
        third.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private Process server(String name) throws Exception {
    return BerthProcesses.start(work.resolve(name + ".log"), "server", "--state", work.resolve("state.git").toString(),
        "--listen", "127.0.0.1:0", "--data-dir", work.resolve("server").toString(), "--lb-listen", "127.0.0.1");
  }

  private static Optional<ObjectId> runtime(Path state) throws Exception {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(state.toFile()).setMustExist(true).build()) {
      Ref ref = repo.exactRef(RUNTIME);
      return ref == null ? Optional.empty() : Optional.of(ref.getObjectId());
    }
  }

  private static void awaitRuntimeCommit(Path state, Optional<ObjectId> after, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ObjectId> now = runtime(state);
      if (now.isPresent() && !now.equals(after)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what + " on " + RUNTIME);
  }
}
