package io.berth.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolatedSystemReaderTest {
  @TempDir Path tmp;
  private final SystemReader before = SystemReader.getInstance();

  @AfterEach
  void restore() {
    SystemReader.setInstance(before);
  }

  /** A machine whose system, user and JGit config files each set a value. */
  private SystemReader machine() throws Exception {
    Path system = Files.writeString(tmp.resolve("gitconfig"), "[core]\n\tbigFileThreshold = 1k\n");
    Path user = Files.writeString(tmp.resolve(".gitconfig"), "[user]\n\tname = Someone Else\n");
    Path jgit = Files.writeString(tmp.resolve("jgit-config"), "[filesystem]\n\tmarker = kept\n");
    return new SystemReader.Delegate(before) {
      @Override
      public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, system.toFile(), fs);
      }

      @Override
      public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, user.toFile(), fs);
      }

      @Override
      public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        return new FileBasedConfig(parent, jgit.toFile(), fs);
      }
    };
  }

  @Test
  void theMachinesSystemAndUserGitConfigAreHiddenAndJGitsOwnIsKept() throws Exception {
    SystemReader machine = machine();
    assertThat(machine.getUserConfig().getString("user", null, "name")).isEqualTo("Someone Else");
    assertThat(machine.getUserConfig().getString("core", null, "bigFileThreshold")).isEqualTo("1k");

    IsolatedSystemReader isolated = new IsolatedSystemReader(machine());

    assertThat(isolated.getUserConfig().getString("user", null, "name")).isNull();
    assertThat(isolated.getUserConfig().getString("core", null, "bigFileThreshold")).isNull();
    assertThat(isolated.getSystemConfig().toText()).isEmpty();
    assertThat(isolated.getJGitConfig().getString("filesystem", null, "marker")).isEqualTo("kept");
  }

  @Test
  void installingTwiceWrapsOnce() {
    IsolatedSystemReader.install();
    SystemReader first = SystemReader.getInstance();
    IsolatedSystemReader.install();

    assertThat(first).isInstanceOf(IsolatedSystemReader.class);
    assertThat(SystemReader.getInstance()).isSameAs(first);
  }

  @Test
  void aStateRepositoryWorksUnderTheIsolatedReader() throws Exception {
    IsolatedSystemReader.install();

    try (StateRepository state = StateRepository.init(tmp.resolve("state"))) {
      String commit = state.apply(state.tip(), StateFixtures.shop("shop:1", 2), StateFixtures.message("Plan: 4 to add, 0 to change, 0 to destroy."));
      assertThat(state.tip()).contains(commit);
    }
  }
}
