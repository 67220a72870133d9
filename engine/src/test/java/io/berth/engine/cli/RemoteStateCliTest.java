package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.engine.planner.Planner;
import io.berth.engine.testing.GitCli;
import io.berth.engine.testing.GitDaemon;
import io.berth.json.BerthJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a state on a Git remote ({@code git daemon} on loopback), each "machine"
 * with its own cache: init, plan on one, apply the saved plan on another, history on a third.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteStateCliTest {
  static final String V1 = PlanApplyCliTest.V1.toString();
  static final String V2 = PlanApplyCliTest.V2.toString();

  @TempDir static Path tmp;
  Path served;
  GitDaemon daemon;
  int repos;

  @BeforeAll
  void startDaemon() throws Exception {
    served = Files.createDirectories(tmp.resolve("served"));
    daemon = GitDaemon.start(served);
  }

  @AfterAll
  void stopDaemon() {
    daemon.close();
  }

  String emptyRemote() {
    String name = "state-" + (++repos) + ".git";
    GitCli.bare(served, name);
    return daemon.url(name);
  }

  /** {@code berth args... --state url --state-cache <machine's cache>}. */
  CliRun on(String machine, String url, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--state";
    all[args.length + 1] = url;
    all[args.length + 2] = "--state-cache";
    all[args.length + 3] = tmp.resolve(machine + "/.berth/cache").toString();
    return CliRun.of(all);
  }

  @Test
  void initMakesTheRemoteABerthStateAndNeverADirectoryNamedAfterTheUrl() {
    String url = emptyRemote();
    CliRun init = on("a", url, "init");

    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.out()).startsWith("Initialised an empty Berth state " + url + " (cache ");
    assertThat(Path.of("git:")).doesNotExist();
    assertThat(GitCli.run(served, "--git-dir", served.resolve("state-" + repos + ".git").toString(), "show",
        "main:layout-version")).isEqualTo("2\n");
    assertThat(on("b", url, "init").out()).contains("is already initialised");
  }

  @Test
  void aPlanOnOneMachineIsAppliedOnAnotherAndTheHistoryNamesWhoAndWhence() throws Exception {
    String url = emptyRemote();
    assertThat(on("a", url, "init").exitCode()).isZero();
    Path plan = tmp.resolve("plan-" + repos + ".json");

    CliRun planned = on("runner-1", url, "plan", "--desired", V1, "--out", plan.toString());
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    String base = GitCli.run(served, "--git-dir", served.resolve("state-" + repos + ".git").toString(), "rev-parse",
        "main").strip();
    assertThat(planned.err()).contains("State " + url + ": main at " + base)
        .contains("No observations: " + url + " has no refs/berth/observed");
    assertThat(planned.out()).contains("Plan: 4 to add, 0 to change, 0 to destroy.");

    CliRun applied = on("runner-2", url, "apply", plan.toString(), "--author", "Jane Doe <jane@example.com>");
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    String tip = GitCli.run(served, "--git-dir", served.resolve("state-" + repos + ".git").toString(), "rev-parse",
        "main").strip();
    assertThat(applied.out()).contains("State is now " + tip + ".");

    CliRun history = on("auditor", url, "history", "--json");
    JsonNode commits = BerthJson.mapper().readTree(history.out());
    assertThat(commits.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(commits.get("commits").get(0).get("author").asText()).isEqualTo("Jane Doe <jane@example.com>");
    assertThat(commits.get("commits").get(0).get("planId").asText()).startsWith("plan-");
    assertThat(commits.get("commits").get(0).get("berthVersion").asText()).isEqualTo(Planner.toolVersion());
    assertThat(on("auditor", url, "history").out().lines().findFirst().orElseThrow())
        .contains("Jane Doe <jane@example.com>").contains("Plan: 4 to add");
  }

  @Test
  void aPlanMadeBeforeAnotherMachineAppliedIsRefusedAndAppliesAfterPlanningAgain() {
    String url = emptyRemote();
    on("a", url, "init");
    Path stale = tmp.resolve("stale-" + repos + ".json");
    assertThat(on("runner-1", url, "plan", "--desired", V1, "--out", stale.toString()).exitCode()).isZero();
    assertThat(on("runner-2", url, "apply", "--desired", V2, "--auto-approve").exitCode()).isZero();

    CliRun refused = on("runner-1", url, "apply", stale.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).startsWith("error: the state moved since the plan: plan again");

    Path fresh = tmp.resolve("fresh-" + repos + ".json");
    assertThat(on("runner-1", url, "plan", "--desired", V1, "--out", fresh.toString()).exitCode()).isZero();
    CliRun again = on("runner-1", url, "apply", fresh.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(GitCli.fsck(served.resolve("state-" + repos + ".git"))).doesNotContain("error");
  }

  @Test
  void statesThatAreNotBerthStatesSayWhatTheyAreAndTheFix() throws Exception {
    String empty = emptyRemote();
    CliRun plan = on("a", empty, "plan", "--desired", V1);
    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.err()).isEqualTo("error: " + empty + " is an empty Git repository, not a berth state yet; make it"
        + " one with berth init --state " + empty + "\n");

    CliRun scheme = CliRun.of("plan", "--desired", V1, "--state", "ftp://host/state.git");
    assertThat(scheme.exitCode()).isEqualTo(1);
    assertThat(scheme.err()).contains("uses the scheme ftp, which berth cannot reach");

    Path workTree = Files.createDirectories(tmp.resolve("work-tree"));
    GitCli.run(workTree, "init", "--quiet");
    CliRun nonBare = CliRun.of("plan", "--desired", V1, "--state", workTree.toString());
    assertThat(nonBare.err()).contains(workTree + " is a Git work tree, not a berth state repository");
  }
}
