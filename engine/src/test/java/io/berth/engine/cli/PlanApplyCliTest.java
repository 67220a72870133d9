package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.engine.state.RuntimeStore;
import io.berth.engine.state.StateRepository;
import io.berth.json.BerthJson;
import io.berth.plans.ObservedService;
import io.berth.plans.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan/apply workflow on real Git repositories in temporary directories. */
class PlanApplyCliTest {
  static final Path V1 = Path.of("src/test/resources/desired/v1");
  static final Path V2 = Path.of("src/test/resources/desired/v2");

  @TempDir Path tmp;
  String state;

  @BeforeEach
  void init() {
    state = tmp.resolve("state").toString();
    assertThat(CliRun.of("init", "--state", state).exitCode()).isZero();
  }

  @Test
  void applyThenPlanAgainShowsNoChanges() {
    CliRun apply = CliRun.of("apply", "--desired", V1.toString(), "--auto-approve", "--state", state);
    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("Plan: 4 to add, 0 to change, 0 to destroy.").contains("State is now")
        .contains("Scheduler dry-run:").contains("+ 1 task of prod/web (web:1) on ci-1");

    CliRun again = CliRun.of("plan", "--desired", V1.toString(), "--state", state, "--detailed-exitcode");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("No changes.").contains("Plan: 0 to add, 0 to change, 0 to destroy.");
  }

  @Test
  void detailedExitCodeIsTwoWhenThereAreChanges() {
    assertThat(CliRun.of("plan", "--desired", V1.toString(), "--state", state, "--detailed-exitcode").exitCode())
        .isEqualTo(2);
    assertThat(CliRun.of("plan", "--desired", V1.toString(), "--state", state).exitCode()).isZero();
  }

  @Test
  void aStalePlanIsRefusedAndTheStateIsUnchanged() throws Exception {
    Path stalePlan = tmp.resolve("stale.json");
    assertThat(CliRun.of("plan", "--desired", V1.toString(), "--state", state, "--out", stalePlan.toString())
        .exitCode()).isZero();
    assertThat(CliRun.of("apply", "--desired", V2.toString(), "--auto-approve", "--state", state).exitCode()).isZero();
    String tip = git("rev-parse", "main").strip();

    CliRun refused = CliRun.of("apply", stalePlan.toString(), "--state", state);

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).containsPattern("the state moved since the plan: plan again \\(the plan read main at"
        + " [0-9a-f]{12}, main is now at " + tip.substring(0, 12) + " and stacks/[a-z]+, [a-z/.-]+, [a-z/.-]+ and [0-9]+ more paths changed\\);"
        + " nothing was applied");
    assertThat(git("rev-parse", "main").strip()).isEqualTo(tip);
    assertThat(git("fsck", "--strict", "--no-dangling")).doesNotContain("error").doesNotContain("missing");
  }

  @Test
  void twoAppliesRacingFromTwoProcessesExactlyOneWins() throws Exception {
    Path plan = tmp.resolve("plan.json");
    assertThat(CliRun.of("plan", "--desired", V1.toString(), "--state", state, "--out", plan.toString())
        .exitCode()).isZero();
    String base = git("rev-parse", "main").strip();

    List<Process> racers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      racers.add(new ProcessBuilder(javaCommand("apply", plan.toString(), "--state", state))
          .redirectErrorStream(true).start());
    }
    List<Integer> codes = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    for (Process racer : racers) {
      outputs.add(new String(racer.getInputStream().readAllBytes()));
      codes.add(racer.waitFor());
    }

    assertThat(codes).as(String.join("\n", outputs)).containsExactlyInAnyOrder(0, 1);
    assertThat(outputs).anySatisfy(o -> assertThat(o).contains("the state moved since the plan: plan again"));
    assertThat(git("rev-list", "--count", base + "..main").strip()).isEqualTo("1");
    assertThat(git("fsck", "--strict", "--no-dangling")).doesNotContain("error");
  }

  @Test
  void historyAndShowReadTheAuditTrail() {
    CliRun.of("apply", "--desired", V1.toString(), "--auto-approve", "--state", state);
    CliRun.of("apply", "--desired", V2.toString(), "--auto-approve", "--state", state);

    CliRun history = CliRun.of("history", "--state", state);
    assertThat(history.out().lines()).hasSize(3).first().asString()
        .contains("Plan: 0 to add, 2 to change, 0 to destroy.").containsPattern("\\(plan-[0-9a-f]{12}\\)");
    assertThat(CliRun.of("show", "main~1", "--state", state).out())
        .contains("task definitions: web:1").contains("services:         prod/web (web:1 x2)");
    assertThat(CliRun.of("show", "--state", state, "--json").out()).contains("\"stack\": \"shop\"");
  }

  @Test
  void planningBackToAnEarlierStateRestoresItsContentAsANewRevision() {
    CliRun.of("apply", "--desired", V1.toString(), "--auto-approve", "--state", state);
    CliRun.of("apply", "--desired", V2.toString(), "--auto-approve", "--state", state);

    CliRun back = CliRun.of("plan", "--desired-from", "main~1", "--state", state);

    assertThat(back.exitCode()).as(back.err()).isZero();
    assertThat(back.out()).contains("~ revision = 2 -> 3").contains("\"hello again\" -> \"hello\"")
        .contains("~ desiredCount = 3 -> 2");
  }

  @Test
  void theSavedPlanHoldsTheJsonRenderingsDocumentAndItsDigest() throws IOException {
    Path plan = tmp.resolve("plan.json");
    CliRun json = CliRun.of("plan", "--desired", V1.toString(), "--state", state, "--format", "json",
        "--out", plan.toString());

    assertThat(json.out()).contains("\"formatVersion\": " + Plan.FORMAT_VERSION).contains("\"baseState\"")
        .contains("\"desiredDigest\"");
    var saved = (ObjectNode) BerthJson.mapper().readTree(plan.toFile());
    assertThat(saved.remove("planDigest").asText()).startsWith("sha256:");
    assertThat(saved).isEqualTo(BerthJson.mapper().readTree(json.out()));
  }

  @Test
  void aPlanFileEditedOrDamagedAfterPlanningIsRefusedAndNoRefMoves() throws Exception {
    Path plan = tmp.resolve("plan.json");
    assertThat(CliRun.of("plan", "--desired", V1.toString(), "--state", state, "--out", plan.toString())
        .exitCode()).isZero();
    String tip = git("rev-parse", "main").strip();
    String file = Files.readString(plan);
    int target = file.indexOf("\"target\":");
    Path edited = tmp.resolve("edited.json");
    Files.writeString(edited, file.substring(0, target) + file.substring(target).replace("\"memory\":64",
        "\"memory\":65"));
    // what a reviewer reads: the changes before the target
    Path reviewed = tmp.resolve("reviewed.json");
    Files.writeString(reviewed, file.substring(0, target).replace("memory\",\"after\":\"64\"",
        "memory\",\"after\":\"65\"") + file.substring(target));
    Path cut = tmp.resolve("cut.json");
    Files.writeString(cut, file.substring(0, file.length() - 40));
    Path old = tmp.resolve("old.json");
    Files.writeString(old, file.replace("{\"formatVersion\":" + Plan.FORMAT_VERSION + ",", "{\"formatVersion\":1,"));

    CliRun editedRun = CliRun.of("apply", edited.toString(), "--state", state);
    CliRun reviewedRun = CliRun.of("apply", reviewed.toString(), "--state", state);
    CliRun cutRun = CliRun.of("apply", cut.toString(), "--state", state);
    CliRun oldRun = CliRun.of("apply", old.toString(), "--state", state);

    assertThat(Files.readString(edited)).isNotEqualTo(file);
    assertThat(editedRun.exitCode()).isEqualTo(1);
    assertThat(editedRun.err()).contains(edited + " was changed after berth plan wrote it")
        .contains("Make the plan again with berth plan --out " + edited);
    assertThat(Files.readString(reviewed)).isNotEqualTo(file);
    assertThat(reviewedRun.exitCode()).isEqualTo(1);
    assertThat(reviewedRun.err()).contains(reviewed + " was changed after berth plan wrote it");
    assertThat(cutRun.exitCode()).isEqualTo(1);
    assertThat(cutRun.err()).contains(cut + " is not a valid berth plan file (");
    assertThat(oldRun.exitCode()).isEqualTo(1);
    assertThat(oldRun.err()).contains(old + " has plan format version 1 but this berth reads version "
        + Plan.FORMAT_VERSION + "; make the plan again");
    assertThat(git("rev-parse", "main").strip()).isEqualTo(tip);
    assertThat(git("fsck", "--strict", "--no-dangling")).doesNotContain("error").doesNotContain("missing");
    assertThat(CliRun.of("apply", plan.toString(), "--state", state).exitCode()).isZero();
    // the commit records the digest the file carries, which covers all of it
    String planDigest = BerthJson.mapper().readTree(plan.toFile()).get("planDigest").asText();
    assertThat(git("log", "-1", "--format=%(trailers:key=Berth-Plan-Digest,valueonly)", "main").strip())
        .isEqualTo(planDigest);
  }

  @Test
  void pullRequestCommentsAreWrittenAsSeparateFilesEachOpeningWithItsHiddenMarker() throws IOException {
    Path comments = tmp.resolve("comments");
    Files.createDirectories(comments);
    // parts 2 and 3 of a longer earlier plan, and a file that is not Berth's
    Files.writeString(comments.resolve("comment-2.md"), "old part 2");
    Files.writeString(comments.resolve("comment-3.md"), "old part 3");
    Files.writeString(comments.resolve("notes.md"), "mine");
    CliRun run = CliRun.of("plan", "--desired", V1.toString(), "--state", state, "--comment-dir", comments.toString(),
        "--format", "markdown");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(comments.resolve("comment-1.md")))
        .isEqualTo("<!-- berth:plan stack=shop part=1/1 -->\n" + run.out())
        .contains("**Plan: 4 to add, 0 to change, 0 to destroy.**");
    assertThat(comments.resolve("comment-2.md")).doesNotExist();
    assertThat(comments.resolve("comment-3.md")).doesNotExist();
    assertThat(comments.resolve("notes.md")).exists();
    assertThat(run.err()).contains("Wrote 1 pull-request comment(s) to " + comments);
  }

  @Test
  void aCountChangedOutsideBerthIsShownAndSetBack() {
    CliRun.of("apply", "--desired", V1.toString(), "--auto-approve", "--state", state);
    try (StateRepository repo = StateRepository.open(Path.of(state))) {
      repo.runtime().update(now -> now.batch().put(RuntimeStore.SERVICES, "prod/web",
          new ObservedService("prod", "web", Optional.of(9), Optional.of("web:1"))).build("manual scale to 9"));
    }

    CliRun plan = CliRun.of("plan", "--desired", V1.toString(), "--state", state, "--detailed-exitcode");

    assertThat(plan.exitCode()).isEqualTo(2);
    assertThat(plan.out()).contains("Changes outside Berth").contains("service \"prod/web\" desiredCount: 2 -> 9")
        .contains("~ desiredCount = 9 -> 2");
  }

  private String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "--git-dir", state));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(out).isZero();
    return out;
  }

  static List<String> javaCommand(String... args) {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), BerthCli.class.getName()));
    command.addAll(List.of(args));
    return command;
  }
}
