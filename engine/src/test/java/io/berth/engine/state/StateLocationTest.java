package io.berth.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reading {@code --state}: a directory stays a directory, a URL never becomes one. */
class StateLocationTest {

  @Test
  void directoriesAreLocal() {
    assertThat(StateLocation.parse(".berth/state")).isEqualTo(new StateLocation.Local(Path.of(".berth/state")));
    assertThat(StateLocation.parse("/srv/berth/state")).isEqualTo(new StateLocation.Local(Path.of("/srv/berth/state")));
    assertThat(StateLocation.parse("./odd:name")).isEqualTo(new StateLocation.Local(Path.of("./odd:name")));
    assertThat(StateLocation.parse("state")).isInstanceOf(StateLocation.Local.class);
  }

  @Test
  void gitUrlsAreRemotes() {
    assertThat(StateLocation.parse("git://127.0.0.1:9418/state.git"))
        .isEqualTo(new StateLocation.Remote("git://127.0.0.1:9418/state.git", "git"));
    assertThat(StateLocation.parse("file:///srv/git/state.git")).isEqualTo(
        new StateLocation.Remote("file:///srv/git/state.git", "file"));
    assertThat(StateLocation.parse("ssh://git@host:2222/srv/state.git")).extracting("scheme").isEqualTo("ssh");
    assertThat(StateLocation.parse("git@github.com:team/state.git")).isEqualTo(
        new StateLocation.Remote("git@github.com:team/state.git", "ssh"));
    assertThat(StateLocation.parse("HTTPS://git.example.com/team/state.git")).isEqualTo(
        new StateLocation.Remote("https://git.example.com/team/state.git", "https"));
  }

  @Test
  void unsupportedOrIncompleteUrlsAndPasswordsAreRefusedNamingTheFix() {
    assertThatThrownBy(() -> StateLocation.parse("ftp://host/state.git")).isInstanceOf(StateException.class)
        .hasMessageContaining("uses the scheme ftp, which berth cannot reach; use file://, git://, ssh://");
    assertThatThrownBy(() -> StateLocation.parse("https://git.example.com/")).hasMessageContaining(
        "names no repository path");
    assertThatThrownBy(() -> StateLocation.parse("https://bob:hunter2@git.example.com/state.git"))
        .hasMessageContaining("carries a password in the URL").hasMessageContaining("BERTH_GIT_TOKEN")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> StateLocation.parse(" ")).hasMessageContaining("--state is empty");
  }

  @Test
  void eachRemoteHasItsOwnReadableCacheDirectory() {
    Path root = Path.of(".berth/cache");
    Path a = StateAccess.cacheDirectory(root, remote("ssh://git@git.example.com:2222/team/state.git"));
    Path b = StateAccess.cacheDirectory(root, remote("git@git.example.com:team/state.git"));
    Path c = StateAccess.cacheDirectory(root, remote("https://git.example.com/team/state.git"));

    assertThat(a.getParent()).isEqualTo(root);
    assertThat(a.getFileName().toString()).matches("git\\.example\\.com-2222-team-state-[0-9a-f]{10}");
    assertThat(b.getFileName().toString()).matches("git\\.example\\.com-team-state-[0-9a-f]{10}");
    assertThat(c.getFileName().toString()).startsWith("git.example.com-team-state-");
    assertThat(b).isNotEqualTo(c);
    assertThat(StateAccess.cacheDirectory(root, remote("git@git.example.com:team/state.git"))).isEqualTo(b);
  }

  private static StateLocation.Remote remote(String url) {
    return (StateLocation.Remote) StateLocation.parse(url);
  }
}
