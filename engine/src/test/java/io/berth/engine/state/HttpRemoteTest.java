package io.berth.engine.state;

import static io.berth.engine.state.StateFixtures.message;
import static io.berth.engine.state.StateFixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.testing.GitCli;
import io.berth.engine.testing.HttpGitServer;
import io.berth.engine.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state on an HTTP remote: Git's {@code http-backend} behind lighttpd with basic authentication,
 * started by the test on loopback; credentials from the environment or a Git credential helper.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpRemoteTest {
  @TempDir static Path tmp;
  HttpGitServer http;
  final MutableClock clock = new MutableClock();
  int repos;

  @BeforeAll
  void startServer() {
    http = HttpGitServer.start(tmp.resolve("http"));
  }

  @AfterAll
  void stopServer() {
    http.close();
  }

  String emptyRemote() {
    String name = "state-" + (++repos) + ".git";
    GitCli.bare(http.repositories(), name);
    return http.url(name);
  }

  StateAccess access(String url, String machine, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("HOME", tmp.resolve("homes/" + machine).toString());
    return new StateAccess(StateLocation.parse(url), tmp.resolve(machine + "/.berth/cache"), false, all);
  }

  @Test
  void aTokenOrAPasswordFileFromTheEnvironmentLetsMachinesApply() throws IOException {
    String url = emptyRemote();
    String applied;
    try (StateRepository a = StateRepository.init(access(url, "a", Map.of("BERTH_GIT_USER", HttpGitServer.USER,
        "BERTH_GIT_TOKEN", HttpGitServer.PASSWORD)), clock, Attribution.berth("test"))) {
      applied = a.apply(a.tip(), shop("shop:1", 2), message("over http"));
    }
    Path passwordFile = Files.writeString(tmp.resolve("password"), HttpGitServer.PASSWORD + "\n");
    try (StateRepository b = StateRepository.open(access(url, "b", Map.of("BERTH_GIT_USER", HttpGitServer.USER,
        "BERTH_GIT_PASSWORD_FILE", passwordFile.toString())), clock)) {
      assertThat(b.tip()).contains(applied);
    }
    assertThat(GitCli.fsck(http.repositories().resolve("state-" + repos + ".git"))).doesNotContain("error");
  }

  @Test
  void theMachinesGitCredentialHelperIsAskedWhenTheEnvironmentHasNoCredentials() throws IOException {
    String url = emptyRemote();
    Path home = Files.createDirectories(tmp.resolve("homes/helper"));
    Files.writeString(home.resolve(".gitconfig"), "[credential]\n\thelper = store\n");
    Files.writeString(home.resolve(".git-credentials"), "http://" + HttpGitServer.USER + ":" + HttpGitServer.PASSWORD
        + "@127.0.0.1:" + http.port() + "\n");

    try (StateRepository state = StateRepository.init(access(url, "helper", Map.of("HOME", home.toString())), clock,
        Attribution.berth("test"))) {
      assertThat(state.created()).isTrue();
    }
  }

  @Test
  void missingOrWrongCredentialsSayWhereCredentialsComeFrom() {
    String url = emptyRemote();
    assertThatThrownBy(() -> StateRepository.open(access(url, "none", Map.of()), clock))
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith("cannot fetch the state from " + url + ": the remote refused the credentials (no"
            + " BERTH_GIT_TOKEN or BERTH_GIT_PASSWORD, and no git credential helper answered); set BERTH_GIT_TOKEN");
    assertThatThrownBy(() -> StateRepository.open(access(url, "wrong", Map.of("BERTH_GIT_USER", HttpGitServer.USER,
        "BERTH_GIT_TOKEN", "not-the-password")), clock))
        .hasMessageContaining("the remote refused the credentials (BERTH_GIT_TOKEN)");
  }
}
