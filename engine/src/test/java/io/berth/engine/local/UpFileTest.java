package io.berth.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .berth/up.json}: written with the object mapper, read back with the streaming parser. */
class UpFileTest {
  @TempDir Path dir;

  @Test
  void whatBerthUpWritesIsReadBackUnchanged() {
    var up = new UpFile("http://127.0.0.1:7070", "join", "admin", 4242, "/w/.berth/state", List.of("i-1", "i-2"),
        "up-abc");
    up.write(dir);

    assertThat(UpFile.read(dir)).contains(up);
    assertThat(UpFile.read(dir.resolve("elsewhere"))).isEmpty();
  }

  @Test
  void unknownMembersAreSkippedAndADamagedFileNamesTheFix() throws Exception {
    Files.createDirectories(dir.resolve(".berth"));
    Files.writeString(UpFile.path(dir), "{\"url\":\"http://x\",\"future\":{\"a\":[1]},\"pid\":7,\"instanceIds\":[]}");
    assertThat(UpFile.read(dir)).contains(new UpFile("http://x", null, null, 7, null, List.of(), null));

    Files.writeString(UpFile.path(dir), "{\"url\":");
    assertThatThrownBy(() -> UpFile.read(dir)).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(UpFile.path(dir) + " is unreadable").hasMessageContaining("run berth up again");
  }

  @Test
  void aFileOfThisProcessIsAliveAndOneOfAnEndedProcessIsNot() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();

    assertThat(new UpFile("u", "j", "a", ProcessHandle.current().pid(), "s", List.of(), "c").alive()).isTrue();
    assertThat(new UpFile("u", "j", "a", ended.pid(), "s", List.of(), "c").alive()).isFalse();
  }
}
