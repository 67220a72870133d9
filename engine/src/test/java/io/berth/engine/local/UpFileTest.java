package io.berth.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .berth/up.json}: written with the object mapper, read back with the streaming parser; its
 * berth up counts as running while it holds {@code .berth/up.lock}.
 */
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
  void aFileIsAliveWhileItsBerthUpHoldsTheLockWhateverItsPid() {
    var up = new UpFile("u", "j", "a", ProcessHandle.current().pid(), "s", List.of(), "c");
    assertThat(up.alive(dir)).as("no berth up ever ran here").isFalse();

    try (UpLock lock = UpLock.acquire(dir).orElseThrow()) {
      assertThat(up.alive(dir)).isTrue();
      assertThat(UpLock.acquire(dir)).as("a second berth up here").isEmpty();
      assertThat(UpLock.held(dir.resolve("."))).as("the same directory, spelled otherwise").isTrue();
    }

    assertThat(up.alive(dir)).as("this process runs, but no berth up in it").isFalse();
    UpLock.acquire(dir).orElseThrow().close();
  }

  @Test
  void theRuntimeCommandsTalkToTheUpFilesClusterOnlyWhileItRuns() {
    new UpFile("http://127.0.0.1:7070", "j", "admin", ProcessHandle.current().pid(), "s", List.of(), "c").write(dir);

    assertThatThrownBy(() -> Connection.admin(Optional.empty(), Optional.empty(), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no local cluster runs here: the berth up (pid " + ProcessHandle.current().pid() + ")")
        .hasMessageContaining("start it again with berth up");
    try (UpLock running = UpLock.acquire(dir).orElseThrow()) {
      assertThat(Connection.admin(Optional.empty(), Optional.empty(), dir).base()).hasToString("http://127.0.0.1:7070");
    }
  }

  @Test
  void aLockHeldByAnotherProcessIsFreeTheMomentItIsKilledThoughItsPidStillLooksAlive() throws Exception {
    // The holder's parent shell execs sleep, which never reaps it: killed, it stays a zombie, as a
    // crashed berth up does until its parent waits for it.
    String java = ProcessHandle.current().info().command().orElse("java");
    Process shell = new ProcessBuilder("sh", "-c", "\"$0\" -cp \"$1\" \"$2\" \"$3\" & echo $!; exec sleep 120", java,
        System.getProperty("java.class.path"), LockHolder.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      long holder = Long.parseLong(new BufferedReader(new InputStreamReader(shell.getInputStream())).readLine().trim());
      Path ready = dir.resolve("locked");
      for (int i = 0; i < 300 && !Files.exists(ready); i++) {
        Thread.sleep(100);
      }
      assertThat(ready).as("the holder took the lock").exists();
      assertThat(UpLock.held(dir)).isTrue();
      assertThat(UpLock.acquire(dir)).isEmpty();

      ProcessHandle.of(holder).orElseThrow().destroyForcibly(); // SIGKILL
      long killed = System.nanoTime();
      Optional<UpLock> next = Optional.empty();
      while (next.isEmpty() && System.nanoTime() - killed < 2_000_000_000L) {
        next = UpLock.acquire(dir);
      }

      assertThat(next).as("the lock, right after the kill").isPresent();
      assertThat(ProcessHandle.of(holder).map(ProcessHandle::isAlive)).as("the killed holder, a zombie").contains(true);
      next.get().close();
    } finally {
      shell.destroyForcibly();
    }
  }

  /** Holds the lock of the directory in {@code args[0]} until killed; touches {@code locked} once it does. */
  static final class LockHolder {
    public static void main(String[] args) throws Exception {
      Path directory = Path.of(args[0]);
      UpLock lock = UpLock.acquire(directory).orElseThrow();
      Files.writeString(directory.resolve("locked"), "");
      Thread.sleep(120_000);
      lock.close();
    }
  }
}
