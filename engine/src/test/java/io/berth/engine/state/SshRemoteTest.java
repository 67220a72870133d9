package io.berth.engine.state;

import static io.berth.engine.state.StateFixtures.message;
import static io.berth.engine.state.StateFixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.testing.GitCli;
import io.berth.engine.testing.MutableClock;
import io.berth.engine.testing.SshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state on an SSH remote: Debian's sshd, started by the test on loopback with its own host key and
 * client key, and JGit's SSH client (Apache MINA sshd) with keys and known hosts from the state's
 * environment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshRemoteTest {
  @TempDir static Path tmp;
  SshServer sshd;
  final MutableClock clock = new MutableClock();
  int repos;

  @BeforeAll
  void startSshd() {
    sshd = SshServer.start(tmp.resolve("sshd"));
  }

  @AfterAll
  void stopSshd() {
    sshd.close();
  }

  String emptyRemote() {
    return sshd.url(GitCli.bare(tmp, "state-" + (++repos) + ".git"));
  }

  /** A home directory whose ~/.ssh/known_hosts holds {@code knownHosts}. */
  Path home(String name, String knownHosts) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("homes/" + name + "/.ssh")).getParent();
    Files.writeString(home.resolve(".ssh/known_hosts"), knownHosts);
    return home;
  }

  StateAccess access(String url, Path home, Map<String, String> more, boolean acceptNew) {
    Map<String, String> env = new java.util.HashMap<>(more);
    env.put("HOME", home.toString());
    return new StateAccess(StateLocation.parse(url), home.resolve(".berth/cache"), acceptNew, env);
  }

  @Test
  void theKeyFromBerthGitSshKeyAppliesAndAnotherMachineReadsIt() throws IOException {
    String url = emptyRemote();
    Map<String, String> key = Map.of("BERTH_GIT_SSH_KEY", sshd.clientKey().toString());
    String applied;
    try (StateRepository a = StateRepository.init(access(url, home("a", sshd.knownHostsLine()), key, false), clock,
        Attribution.berth("test"))) {
      applied = a.apply(a.tip(), shop("shop:1", 2), message("over ssh"));
    }
    // the default identity ~/.ssh/id_ed25519 serves as well
    Path b = home("b", sshd.knownHostsLine());
    Files.copy(sshd.clientKey(), b.resolve(".ssh/id_ed25519"));
    try (StateRepository other = StateRepository.open(access(url, b, Map.of(), false), clock)) {
      assertThat(other.tip()).contains(applied);
      assertThat(other.live("shop").declared().services()).hasSize(1);
    }
    assertThat(GitCli.fsck(tmp.resolve("state-" + repos + ".git"))).doesNotContain("error");
  }

  @Test
  void anUnknownHostKeyIsRefusedUnlessANewOneMayBeTrusted() throws IOException {
    String url = emptyRemote();
    Map<String, String> key = Map.of("BERTH_GIT_SSH_KEY", sshd.clientKey().toString());
    Path home = home("c", "");

    assertThatThrownBy(() -> StateRepository.init(access(url, home, key, false), clock, Attribution.berth("t")))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("the SSH host key of [127.0.0.1]:" + sshd.port() + " (SHA256:")
        .hasMessageContaining("is unknown (not in " + home.resolve(".ssh/known_hosts") + ")")
        .hasMessageContaining("--accept-new-host-key (BERTH_GIT_ACCEPT_NEW_HOST_KEY=1)")
        .hasMessageNotContaining("Exception");
    assertThat(Files.readString(home.resolve(".ssh/known_hosts"))).isEmpty();

    try (StateRepository trusted = StateRepository.init(access(url, home, key, true), clock, Attribution.berth("t"))) {
      assertThat(trusted.created()).isTrue();
    }
    assertThat(Files.readString(home.resolve(".ssh/known_hosts"))).contains("127.0.0.1]:" + sshd.port());
    // from now on the key is known: no flag needed
    StateRepository.open(access(url, home, key, false), clock).close();
  }

  @Test
  void aChangedHostKeyIsRefusedEvenWhenNewKeysMayBeTrusted() throws IOException {
    String url = emptyRemote();
    Path other = tmp.resolve("other-host-key");
    GitCli.exec(tmp, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString()));
    Path home = home("d", "[127.0.0.1]:" + sshd.port() + " " + Files.readString(Path.of(other + ".pub")));
    Map<String, String> key = Map.of("BERTH_GIT_SSH_KEY", sshd.clientKey().toString());

    assertThatThrownBy(() -> StateRepository.init(access(url, home, key, true), clock, Attribution.berth("t")))
        .hasMessageContaining("is not the one recorded in " + home.resolve(".ssh/known_hosts"))
        .hasMessageContaining("Someone may be in the middle");
  }

  @Test
  void aKeyTheServerDoesNotKnowIsAnAuthenticationFailureNamingTheKey() throws IOException {
    String url = emptyRemote();
    Path stranger = tmp.resolve("stranger-key");
    GitCli.exec(tmp, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString()));
    Path home = home("e", sshd.knownHostsLine());

    assertThatThrownBy(() -> StateRepository.open(access(url, home, Map.of("BERTH_GIT_SSH_KEY", stranger.toString()),
        false), clock))
        .hasMessageStartingWith("cannot fetch the state from " + url + ": the remote refused the credentials (SSH key "
            + stranger + " from BERTH_GIT_SSH_KEY); give the key's public half access to the repository");
  }
}
