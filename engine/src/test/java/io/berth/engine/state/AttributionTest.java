package io.berth.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who a state commit is attributed to, and the trailers that say where it came from. */
class AttributionTest {
  @TempDir Path tmp;

  @Test
  void authorFlagThenGithubThenGitlabThenTheMachinesGitIdentity() throws Exception {
    Map<String, String> github = Map.of("GITHUB_ACTOR", "octocat", "GITHUB_ACTOR_ID", "583231", "GITHUB_SERVER_URL",
        "https://github.com", "GITHUB_REPOSITORY", "team/shop", "GITHUB_RUN_ID", "42");
    Attribution flag = Attribution.resolve(Optional.of("Jane Doe <jane@example.com>"), github, "1.0");
    assertThat(flag.author()).isEqualTo("Jane Doe <jane@example.com>");
    assertThat(flag.runUrl()).contains("https://github.com/team/shop/actions/runs/42");

    Attribution actions = Attribution.resolve(Optional.empty(), github, "1.0");
    assertThat(actions.author()).isEqualTo("octocat <583231+octocat@users.noreply.github.com>");

    Attribution gitlab = Attribution.resolve(Optional.empty(), Map.of("GITLAB_USER_LOGIN", "jdoe", "GITLAB_USER_NAME",
        "J. Doe", "GITLAB_USER_EMAIL", "jdoe@example.com", "CI_JOB_URL", "https://gitlab.example.com/t/s/-/jobs/7"),
        "1.0");
    assertThat(gitlab.author()).isEqualTo("J. Doe <jdoe@example.com>");
    assertThat(gitlab.runUrl()).contains("https://gitlab.example.com/t/s/-/jobs/7");

    Files.writeString(tmp.resolve(".gitconfig"), "[user]\n\tname = Local Dev\n\temail = dev@example.com\n");
    Attribution machine = Attribution.resolve(Optional.empty(), Map.of("HOME", tmp.toString(), "USER", "dev"), "1.0");
    assertThat(machine.author()).isEqualTo("Local Dev <dev@example.com>");
    assertThat(machine.runUrl()).isEmpty();

    Attribution bare = Attribution.resolve(Optional.empty(), Map.of("HOME", tmp.resolve("nohome").toString(),
        "USER", "dev", "HOSTNAME", "build-7"), "1.0");
    assertThat(bare.author()).isEqualTo("dev <dev@build-7>");
  }

  @Test
  void aMalformedAuthorIsRefused() {
    assertThatThrownBy(() -> Attribution.resolve(Optional.of("jane@example.com"), Map.of(), "1.0"))
        .isInstanceOf(StateException.class).hasMessageContaining("is not 'Name <email>'");
  }

  @Test
  void theApplicationCommitIsTheHeadOfTheWorkTreeHoldingTheDesiredState() throws Exception {
    Path app = Files.createDirectories(tmp.resolve("app"));
    GitCli.run(app, "init", "--quiet");
    GitCli.run(app, "commit", "--quiet", "--allow-empty", "-m", "app");
    Path classes = Files.createDirectories(app.resolve("target/classes"));

    assertThat(Attribution.applicationCommit(classes)).contains(GitCli.run(app, "rev-parse", "HEAD").strip());
    assertThat(Attribution.applicationCommit(Files.createDirectories(tmp.resolve("elsewhere")))).isEmpty();
  }

  @Test
  void theCommitMessageCarriesTheTrailersAndTheHistoryReadsThemBack() throws Exception {
    Attribution by = new Attribution("Jane", "jane@example.com", Optional.of("https://ci/run/1"), Optional.of("abc123"),
        "1.2.3");
    try (StateRepository state = StateRepository.init(tmp.resolve("state"))) {
      state.apply(state.tip(), StateFixtures.shop("shop:1", 1), new ApplyCommit("Plan: 1 to add.", "", "plan-1",
          "sha256:1", by));
      StateCommit commit = state.history(1).get(0);
      assertThat(commit.author()).isEqualTo("Jane <jane@example.com>");
      assertThat(commit.planId()).contains("plan-1");
      assertThat(commit.runUrl()).contains("https://ci/run/1");
      assertThat(commit.applicationCommit()).contains("abc123");
      assertThat(commit.berthVersion()).contains("1.2.3");
    }
    assertThat(GitCli.run(tmp, "--git-dir", tmp.resolve("state").toString(), "log", "-1", "--format=%an|%cn"))
        .isEqualTo("Jane|Berth\n");
  }
}
