package io.berth.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.state.StateRepository;
import io.berth.json.BerthJson;
import io.berth.model.Cluster;
import io.berth.model.DesiredState;
import io.berth.model.Role;
import io.berth.plans.Plan;
import io.berth.plans.file.PlanFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applying a plan read from its file (documents taken from the file's bytes) writes exactly what
 * applying the same plan in memory (documents serialised again) writes: the same commit, so the
 * same tree, on real Git repositories.
 */
class PlanFileApplyTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  static final Path V1 = Path.of("src/test/resources/desired/v1");
  static final Path V2 = Path.of("src/test/resources/desired/v2");

  @TempDir Path tmp;

  @Test
  void aPlanReadFromItsFileWritesTheSameCommitAsThePlanInMemory() throws Exception {
    Path inMemory = tmp.resolve("in-memory");
    Path fromFile = tmp.resolve("from-file");
    DesiredState v1 = DesiredInput.read(V1, Optional.empty());
    List<DesiredState> steps = List.of(v1, DesiredInput.read(V2, Optional.empty()), withTwins(v1));
    try (StateRepository a = StateRepository.init(inMemory, CLOCK);
        StateRepository b = StateRepository.init(fromFile, CLOCK)) {
      for (DesiredState desired : steps) {
        Plan planA = new Planner(a, SchedulerDryRun.NONE).plan(desired);
        Plan planB = new Planner(b, SchedulerDryRun.NONE).plan(desired);
        byte[] file = PlanFile.write(planB);
        assertThat(file).isEqualTo(PlanFile.write(planA));

        String commitA = new Planner(a, SchedulerDryRun.NONE).apply(planA, () -> "sha256:same").orElseThrow();
        String commitB = new Planner(b, SchedulerDryRun.NONE).apply(PlanFile.read(file, "plan.json"),
            () -> "sha256:same").orElseThrow();

        assertThat(git(fromFile, "rev-parse", commitB + "^{tree}")).isEqualTo(git(inMemory, "rev-parse",
            commitA + "^{tree}"));
        assertThat(commitB).isEqualTo(commitA);
      }
      assertThat(a.history(10)).hasSize(4);
      // the pack written for the last step reads back through JGit
      assertThat(b.declaredAt("main")).isEqualTo(a.declaredAt("main"));
      assertThat(b.declaredAt("main").roles()).hasSize(40);
    }
    assertThat(git(fromFile, "fsck", "--full", "--strict", "--no-dangling")).isEmpty();
    assertThat(git(fromFile, "count-objects", "-v")).contains("packs: 1");
    assertThat(git(fromFile, "rev-parse", "main:stacks/" + v1.stack() + "/roles")).isEqualTo(
        git(fromFile, "rev-parse", "main:stacks/" + v1.stack() + "/clusters"));
  }

  /**
   * Forty roles and forty clusters with the same names and no other member: the files of
   * {@code roles/} and {@code clusters/} have the same bytes pairwise and the two directories the
   * same entries, so one blob per pair and one tree for both must do (a pack holding an object
   * twice fails fsck). Enough files to be written as a pack.
   */
  private static DesiredState withTwins(DesiredState state) throws IOException {
    List<Cluster> clusters = new ArrayList<>();
    List<Role> roles = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      clusters.add(BerthJson.mapper().readValue("{\"name\":\"edge-" + i + "\"}", Cluster.class));
      roles.add(BerthJson.mapper().readValue("{\"name\":\"edge-" + i + "\"}", Role.class));
    }
    return new DesiredState(state.apiVersion(), state.stack(), clusters, roles, List.of(), List.of(), List.of());
  }

  private static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "--git-dir", dir.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes()).strip();
    assertThat(process.waitFor()).as(out).isZero();
    return out;
  }
}
