package io.berth.engine.state;

import static io.berth.engine.state.StateFixtures.message;
import static io.berth.engine.state.StateFixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.testing.GitCli;
import io.berth.engine.testing.GitDaemon;
import io.berth.engine.testing.MutableClock;
import io.berth.engine.planner.ManyStacksTest;
import io.berth.plans.ObservedService;
import io.berth.plans.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A state on a Git remote served by a real {@code git daemon} on loopback, worked on through local caches. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteStateTest {
  @TempDir static Path tmp;
  Path served;
  GitDaemon daemon;
  final MutableClock clock = new MutableClock();
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

  /** A new empty bare repository on the daemon; its URL. */
  String emptyRemote() {
    String name = "state-" + (++repos) + ".git";
    GitCli.bare(served, name);
    return daemon.url(name);
  }

  StateAccess runner(String url, String name) {
    return new StateAccess(StateLocation.parse(url), tmp.resolve(name + "/.berth/cache"), false, Map.of());
  }

  @Test
  void initMakesAnEmptyRemoteABerthStateThatAnotherMachineOpens() {
    String url = emptyRemote();
    try (StateRepository a = StateRepository.init(runner(url, "a"), clock, Attribution.berth("test"))) {
      assertThat(a.created()).isTrue();
      assertThat(a.directory()).startsWith(tmp.resolve("a/.berth/cache"));
      String commit = a.apply(a.tip(), shop("shop:1", 2), message("first"));
      assertThat(GitCli.run(served, "--git-dir", served.resolve("state-" + repos + ".git").toString(), "rev-parse",
          "main").strip()).isEqualTo(commit);
    }
    try (StateRepository b = StateRepository.open(runner(url, "b"), clock)) {
      assertThat(b.live("shop").declared().services()).hasSize(1);
      assertThat(b.history(5)).hasSize(2);
    }
    try (StateRepository again = StateRepository.init(runner(url, "a"), clock, Attribution.berth("test"))) {
      assertThat(again.created()).isFalse();
    }
    assertThat(GitCli.fsck(served.resolve("state-" + repos + ".git"))).doesNotContain("error");
  }

  @Test
  void openingSaysWhatTheRemoteHoldsWhenItIsNoBerthState() {
    String empty = emptyRemote();
    assertThatThrownBy(() -> StateRepository.open(runner(empty, "a"), clock)).isInstanceOf(StateException.class)
        .hasMessage(empty + " is an empty Git repository, not a berth state yet; make it one with berth init --state "
            + empty);

    String other = emptyRemote();
    Path work = GitCli.bare(tmp, "other-work-" + repos);
    Path clone = tmp.resolve("clone-" + repos);
    GitCli.run(tmp, "clone", "--quiet", other, clone.toString());
    GitCli.run(clone, "checkout", "--quiet", "-b", "master");
    GitCli.run(clone, "commit", "--quiet", "--allow-empty", "-m", "not berth");
    GitCli.run(clone, "push", "--quiet", "origin", "master");
    assertThatThrownBy(() -> StateRepository.init(runner(other, "a"), clock, Attribution.berth("test")))
        .hasMessageContaining(other + " holds commits (refs/heads/master) but no main branch, so it was not written by"
            + " berth and berth will not write into it");

    GitCli.run(clone, "push", "--quiet", "origin", "master:main");
    assertThatThrownBy(() -> StateRepository.init(runner(other, "b"), clock, Attribution.berth("test")))
        .hasMessageContaining("state repository " + other + " has no layout-version file on main, so it was not"
            + " written by berth");
    assertThat(GitCli.run(clone, "ls-remote", "origin")).doesNotContain("berth");
  }

  @Test
  void anApplyIsRefusedWhenWhatItsPlanReadChangedAndTheWinnerStays() {
    String url = emptyRemote();
    StateRepository.init(runner(url, "a"), clock, Attribution.berth("test")).close();
    try (StateRepository a = StateRepository.open(runner(url, "a"), clock);
        StateRepository b = StateRepository.open(runner(url, "b"), clock)) {
      Optional<String> base = a.tip();
      Map<String, String> readByA = a.live("shop").reads();
      Map<String, String> readByB = b.live("shop").reads();
      assertThat(readByA).isEqualTo(readByB).containsOnlyKeys("layout-version", "stacks/shop");

      String won = a.apply(base, readByA, shop("shop:1", 2), message("a"));
      assertThatThrownBy(() -> b.apply(base, readByB, shop("shop:1", 3), message("b")))
          .isInstanceOfSatisfying(StateMovedException.class, e -> {
            assertThat(e.base()).isEqualTo(base.orElseThrow());
            assertThat(e.tip()).isEqualTo(won);
            assertThat(e.getMessage()).startsWith("the state moved since the plan: plan again");
          });
      assertThat(b.tip()).contains(won);
      assertThat(remoteMain(url)).isEqualTo(won);
      // planning again on b reads the winner and applies cleanly
      String after = b.apply(b.tip(), b.live("shop").reads(), shop("shop:1", 3), message("b again"));
      assertThat(remoteMain(url)).isEqualTo(after);
    }
    assertThat(GitCli.fsck(repo(url))).doesNotContain("error");
  }

  @Test
  void anApplyWhoseReadsHoldCommitsOnTheCurrentTipNotOnItsBase() {
    String url = emptyRemote();
    StateRepository.init(runner(url, "a"), clock, Attribution.berth("test")).close();
    try (StateRepository a = StateRepository.open(runner(url, "a"), clock);
        StateRepository b = StateRepository.open(runner(url, "b"), clock)) {
      String first = a.apply(a.tip(), shop("shop:1", 2), message("first"));
      b.refresh();
      Optional<String> base = b.tip();
      Map<String, String> narrow = StateReads.at(b.repository(), b.tipId(), List.of("services/prod/web.json"));
      // a changes only the role: nothing b's (narrow) plan read
      var roleOnly = shop("shop:1", 2);
      String second = a.apply(a.tip(), new io.berth.plans.DeclaredState("shop", List.of(StateFixtures.json(
          "{'name':'web-task','description':'changed'}", io.berth.model.Role.class)), roleOnly.clusters(),
          roleOnly.taskDefinitions(), roleOnly.services(), roleOnly.scaling()), message("second"));
      assertThat(second).isNotEqualTo(first);

      String third = b.apply(base, narrow, shop("shop:1", 5), message("third"));

      assertThat(GitCli.run(served, "--git-dir", repo(url).toString(), "rev-parse", third + "^").strip())
          .isEqualTo(second);
      assertThat(remoteMain(url)).isEqualTo(third);
    }
  }

  @Test
  void twoMachinesApplyingAtOnceNeverBothWin() throws Exception {
    String url = emptyRemote();
    StateRepository.init(runner(url, "a"), clock, Attribution.berth("test")).close();
    for (int round = 0; round < 4; round++) {
      try (StateRepository a = StateRepository.open(runner(url, "a"), clock);
          StateRepository b = StateRepository.open(runner(url, "b"), clock)) {
        Optional<String> base = a.tip();
        assertThat(b.tip()).isEqualTo(base);
        var reads = a.live("shop").reads();
        int count = 10 + round;
        java.util.concurrent.CompletableFuture<String> racerA = java.util.concurrent.CompletableFuture.supplyAsync(
            () -> a.apply(base, reads, shop("shop:1", count), message("a")));
        java.util.concurrent.CompletableFuture<String> racerB = java.util.concurrent.CompletableFuture.supplyAsync(
            () -> b.apply(base, reads, shop("shop:1", count + 100), message("b")));
        List<Object> outcomes = new java.util.ArrayList<>();
        for (var racer : List.of(racerA, racerB)) {
          try {
            outcomes.add(racer.join());
          } catch (java.util.concurrent.CompletionException e) {
            outcomes.add(e.getCause());
          }
        }
        assertThat(outcomes).filteredOn(String.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(StateMovedException.class::isInstance).hasSize(1);
        String winner = (String) outcomes.stream().filter(String.class::isInstance).findFirst().orElseThrow();
        assertThat(remoteMain(url)).isEqualTo(winner);
        assertThat(GitCli.run(served, "--git-dir", repo(url).toString(), "rev-parse", winner + "^").strip())
            .isEqualTo(base.orElseThrow());
      }
    }
    assertThat(GitCli.fsck(repo(url))).doesNotContain("error");
  }

  @Test
  void aRewrittenMainIsRefusedAndNeverAdopted() {
    String url = emptyRemote();
    String applied;
    try (StateRepository a = StateRepository.init(runner(url, "a"), clock, Attribution.berth("test"))) {
      applied = a.apply(a.tip(), shop("shop:1", 2), message("first"));
    }
    // someone resets main on the remote to the first commit, dropping the apply
    GitCli.run(served, "--git-dir", repo(url).toString(), "update-ref", "refs/heads/main", applied + "^");

    assertThatThrownBy(() -> StateRepository.open(runner(url, "a"), clock)).isInstanceOf(StateException.class)
        .hasMessageContaining("the history of main on " + url + " was rewritten")
        .hasMessageContaining("Berth never adopts a rewritten state history");
    try (StateRepository fresh = StateRepository.open(runner(url, "fresh"), clock)) {
      assertThat(fresh.tip()).isNotEqualTo(Optional.of(applied)); // a new cache has nothing to compare with
    }
    assertThat(GitCli.run(tmp, "--git-dir", StateAccess.cacheDirectory(tmp.resolve("a/.berth/cache"),
        (StateLocation.Remote) StateLocation.parse(url)).toString(), "rev-parse", "main").strip()).isEqualTo(applied);
  }

  @Test
  void aCacheFollowsMainAgainOnceALockFileAKilledProcessLeftOnItIsOld() throws Exception {
    String url = emptyRemote();
    String first;
    try (StateRepository a = StateRepository.init(runner(url, "a"), clock, Attribution.berth("test"))) {
      first = a.apply(a.tip(), shop("shop:1", 2), message("first"));
    }
    String second;
    try (StateRepository b = StateRepository.open(runner(url, "b"), clock)) {
      second = b.apply(b.tip(), shop("shop:1", 3), message("second"));
    }
    Path cache = StateAccess.cacheDirectory(tmp.resolve("a/.berth/cache"), (StateLocation.Remote) StateLocation.parse(url));
    // a berth process killed while its fetch held the cache's main
    Path lock = Files.writeString(cache.resolve(StateRepository.MAIN + ".lock"), first + "\n");
    assertThatThrownBy(() -> StateRepository.open(runner(url, "a"), clock)).isInstanceOf(StateException.class)
        .hasMessageContaining("other berth processes keep updating it"); // a young lock may be a live writer's
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(31)));
    try (StateRepository again = StateRepository.open(runner(url, "a"), clock)) {
      assertThat(again.tip()).contains(second);
    }
    assertThat(lock).doesNotExist();
  }

  @Test
  void failuresToReachTheRemoteNameTheFix() {
    String closed = "git://127.0.0.1:" + io.berth.engine.testing.LoopbackServer.freePort() + "/state.git";
    assertThatThrownBy(() -> StateRepository.open(runner(closed, "a"), clock))
        .hasMessage("cannot reach " + closed + ": the connection was refused; check the URL and port given to --state"
            + " (BERTH_STATE) and that the Git server runs there");
    String missing = daemon.url("nothing-here.git");
    assertThatThrownBy(() -> StateRepository.open(runner(missing, "a"), clock))
        .hasMessageStartingWith("cannot fetch the state from " + missing + ": there is no Git repository at that URL");
  }

  @Test
  void observationsArePublishedAsOneParentlessCommitAndReadByPlansElsewhere() {
    String url = emptyRemote();
    try (StateRepository server = StateRepository.init(runner(url, "server"), clock, Attribution.berth("test"))) {
      server.apply(server.tip(), shop("shop:1", 2), message("first"));
      try (StateRepository runner = StateRepository.open(runner(url, "runner"), clock)) {
        assertThat(runner.remoteNotes()).hasSize(2).last().asString().startsWith("No observations: " + url
            + " has no refs/berth/observed");
      }
      assertThat(server.publishObservations()).as("nothing observed yet").isFalse();
      server.runtime().update(now -> now.batch().put(RuntimeStore.SERVICES, "prod/web",
          new ObservedService("prod", "web", Optional.of(7), Optional.of("web:1"))).build("scaled to 7"));
      assertThat(server.publishObservations()).isTrue();
      assertThat(server.publishObservations()).as("unchanged").isFalse();
      String first = GitCli.run(served, "--git-dir", repo(url).toString(), "rev-parse", "refs/berth/observed").strip();

      clock.advance(Duration.ofSeconds(30));
      server.runtime().update(now -> now.batch().put(RuntimeStore.SERVICES, "prod/web",
          new ObservedService("prod", "web", Optional.of(9), Optional.of("web:1"))).build("scaled to 9"));
      assertThat(server.publishObservations()).isTrue();
      String second = GitCli.run(served, "--git-dir", repo(url).toString(), "rev-parse", "refs/berth/observed").strip();
      assertThat(second).isNotEqualTo(first);
      assertThat(GitCli.run(served, "--git-dir", repo(url).toString(), "rev-list", "--count", second).strip())
          .isEqualTo("1");
      assertThat(GitCli.run(served, "--git-dir", repo(url).toString(), "for-each-ref")).doesNotContain("runtime");

      clock.advance(Duration.ofSeconds(14));
      try (StateRepository runner = StateRepository.open(runner(url, "runner"), clock)) {
        assertThat(runner.live("shop").observed()).containsExactly(
            new ObservedService("prod", "web", Optional.of(9), Optional.of("web:1")));
        assertThat(runner.remoteNotes().get(1)).startsWith("Observations of the control plane from"
            + " refs/berth/observed, published 14 s ago");
      }
    }
    assertThat(GitCli.fsck(repo(url))).doesNotContain("error");
  }

  @Test
  void aNewCacheFetchesOnlyTheTipAndOlderHistoryWhenAskedFor() {
    String url = emptyRemote();
    try (StateRepository a = StateRepository.init(runner(url, "a"), clock, Attribution.berth("test"))) {
      for (int count = 1; count <= 4; count++) {
        a.apply(a.tip(), shop("shop:1", count), message("scale to " + count));
      }
    }
    try (StateRepository fresh = StateRepository.open(runner(url, "fresh"), clock)) {
      assertThat(fresh.directory().resolve("shallow")).exists();
      assertThat(GitCli.run(tmp, "--git-dir", fresh.directory().toString(), "rev-list", "--count", "main").strip())
          .isEqualTo("1");
      assertThat(fresh.live("shop").declared().services().get(0).desiredCount()).contains(4);

      assertThat(fresh.history(3)).extracting(StateCommit::summary).containsExactly("scale to 4", "scale to 3",
          "scale to 2");
      assertThat(fresh.declaredAt("main~3").services().get(0).desiredCount()).contains(1);
      assertThat(fresh.history(10)).hasSize(5);
      // applying from a shallow cache is an ordinary push
      fresh.apply(fresh.tip(), shop("shop:1", 5), message("scale to 5"));
    }
    try (StateRepository other = StateRepository.open(runner(url, "a"), clock)) {
      assertThat(other.history(1).get(0).summary()).isEqualTo("scale to 5");
    }
    assertThat(GitCli.fsck(repo(url))).doesNotContain("error");
  }

  @Test
  void deepeningAShallowCacheFetchesTheObservationsItFollows() {
    String url = emptyRemote();
    try (StateRepository server = StateRepository.init(runner(url, "server"), clock, Attribution.berth("test"))) {
      for (int count = 1; count <= 3; count++) {
        server.apply(server.tip(), shop("shop:1", count), message("scale to " + count));
      }
      try (StateRepository fresh = StateRepository.open(runner(url, "fresh"), clock)) {
        // published after the shallow cache's fetch: deepening finds it advertised
        server.runtime().update(now -> now.batch().put(RuntimeStore.SERVICES, "prod/web",
            new ObservedService("prod", "web", Optional.of(7), Optional.of("web:1"))).build("scaled to 7"));
        assertThat(server.publishObservations()).isTrue();

        assertThat(fresh.declaredAt("main~2").services().get(0).desiredCount()).contains(1);

        assertThat(GitCli.fsck(fresh.directory())).doesNotContain("error").doesNotContain("invalid");
        assertThat(fresh.live("shop").observed()).containsExactly(
            new ObservedService("prod", "web", Optional.of(7), Optional.of("web:1")));
      }
    }
  }

  @Test
  void aConnectionDroppedDuringThePushLeavesMainUntouchedAndRunningTheApplyAgainIsSafe() throws Exception {
    String direct = emptyRemote();
    StateRepository.init(runner(direct, "a"), clock, Attribution.berth("test")).close();
    String before = remoteMain(direct);
    try (io.berth.engine.testing.CuttingProxy proxy = new io.berth.engine.testing.CuttingProxy(daemon.port())) {
      String url = direct.replace(":" + daemon.port() + "/", ":" + proxy.port() + "/");
      proxy.cutPushes(true);
      try (StateRepository a = StateRepository.open(runner(url, "cut"), clock)) {
        assertThatThrownBy(() -> a.apply(a.tip(), shop("shop:1", 2), message("cut off")))
            .isInstanceOf(StateException.class)
            .hasMessageContaining("cannot push refs/heads/main to " + url)
            .hasMessageContaining("did not move (the push is atomic); run the command again, which is safe")
            .hasMessageNotContaining("Exception");
        assertThat(remoteMain(direct)).isEqualTo(before);
        proxy.cutPushes(false);
        String applied = a.apply(a.tip(), shop("shop:1", 2), message("again"));
        assertThat(remoteMain(direct)).isEqualTo(applied);
      }
    }
    assertThat(GitCli.fsck(repo(direct))).doesNotContain("error");
  }

  Path repo(String url) {
    return served.resolve(url.substring(url.lastIndexOf('/') + 1));
  }

  @Test
  void stacksPlannedOnTwoMachinesBothLandUnlessOneChangedWhatTheOtherRead() {
    String url = emptyRemote();
    StateRepository.init(runner(url, "p"), clock, Attribution.berth("test")).close();
    try (StateRepository platform = StateRepository.open(runner(url, "p"), clock);
        StateRepository web = StateRepository.open(runner(url, "w"), clock);
        StateRepository batch = StateRepository.open(runner(url, "b"), clock)) {
      ManyStacksTest.apply(platform, ManyStacksTest.plan(platform, ManyStacksTest.platform(true)));
      web.refresh();
      batch.refresh();
      Plan webPlan = ManyStacksTest.plan(web, ManyStacksTest.app("webapp", "web", "web:1"));
      Plan batchPlan = ManyStacksTest.plan(batch, ManyStacksTest.app("batch", "report", "report:1"));
      Plan drop = ManyStacksTest.plan(platform, ManyStacksTest.platform(false));

      ManyStacksTest.apply(batch, batchPlan);
      String both = ManyStacksTest.apply(web, webPlan); // pushed on top of batch's commit: unrelated stacks
      assertThat(remoteMain(url)).isEqualTo(both);
      assertThatThrownBy(() -> ManyStacksTest.apply(platform, drop)).hasMessageContaining("the state moved since the"
          + " plan").hasMessageContaining("uses/clusters/local");
      assertThat(remoteMain(url)).isEqualTo(both);
      assertThat(web.stacks("main")).containsExactly("batch", "platform", "webapp");
    }
    assertThat(GitCli.fsck(repo(url))).doesNotContain("error");
  }

  String remoteMain(String url) {
    return GitCli.run(served, "--git-dir", repo(url).toString(), "rev-parse", "main").strip();
  }
}
