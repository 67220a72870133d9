package io.berth.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State repositories see only their own config, never the machine's. */
class IsolatedGitConfigTest {
  @TempDir Path tmp;

  @Test
  void systemAndUserConfigurationAreEmpty() throws Exception {
    IsolatedGitConfig.install();
    SystemReader reader = SystemReader.getInstance();

    StoredConfig system = reader.openSystemConfig(null, FS.DETECTED);
    system.load();
    StoredConfig user = reader.openUserConfig(null, FS.DETECTED);
    user.load();

    assertThat(reader).isInstanceOf(IsolatedGitConfig.class);
    assertThat(system.getSections()).isEmpty();
    assertThat(user.getSections()).isEmpty();
  }

  @Test
  void aRepositorysOwnConfigStillApplies() throws Exception {
    try (StateRepository state = StateRepository.init(tmp.resolve("state"))) {
      Files.writeString(tmp.resolve("state/config"), "[core]\n\trepositoryformatversion = 99\n");
    }
    // JGit refuses a repository format it does not know: proof the repository's config is read
    Assertions.assertThatThrownBy(() -> StateRepository.open(tmp.resolve("state")))
        .isInstanceOf(StateException.class);
  }
}
