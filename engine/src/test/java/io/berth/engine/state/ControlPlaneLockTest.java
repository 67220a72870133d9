package io.berth.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One control plane per state repository within a JVM too, and the runtime ref's lock file taken
 * over only by the one that holds it (ControlPlaneLockE2ETest covers separate processes and kill -9).
 */
class ControlPlaneLockTest {
  @TempDir Path tmp;

  @Test
  void aSecondClaimIsRefusedUntilTheFirstIsReleasedAndOnlyAClaimRemovesAStaleRuntimeLock() throws Exception {
    Path dir = tmp.resolve("state.git");
    StateRepository.init(dir).close();
    Path stale = dir.resolve(StateRepository.RUNTIME + ".lock");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, "left by a killed control plane\n");
    try (StateRepository first = StateRepository.open(dir); StateRepository second = StateRepository.open(dir)) {
      assertThat(stale).as("opening alone takes nothing over").exists();
      assertThat(first.claimRuntime()).isTrue();
      assertThat(stale).doesNotExist();
      assertThat(first.claimRuntime()).as("claiming again is a no-op").isFalse();
      assertThatThrownBy(second::claimRuntime).isInstanceOf(StateException.class)
          .hasMessage("another berth control plane (berth server or berth up) runs on the state " + dir + " (it holds "
              + dir.resolve(ControlPlaneLock.FILE) + "); stop it first, or give this one its own state");
      first.close();
      assertThat(second.claimRuntime()).as("nothing stale to take over").isFalse();
    }
  }
}
