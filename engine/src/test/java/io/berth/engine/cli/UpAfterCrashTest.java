package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.local.UpFile;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code berth up} killed with SIGKILL is followed at once by a new one in the same directory,
 * although the dead process is a zombie its pid still answers for; a running one is refused. The
 * first berth up runs in a process of its own under a shell that never reaps it; the second in
 * this JVM.
 */
@Tag("e2e")
class UpAfterCrashTest {
  @TempDir Path work;

  @Test
  void aKilledBerthUpIsFollowedAtOnceAndARunningOneIsRefused() throws Exception {
    List<String> berth = new ArrayList<>(PlanApplyCliTest.javaCommand("up", "--agents", "1", "--port", "0",
        "--state", work.resolve(".berth/state").toString()));
    // "$@" & echo $!; exec sleep: the shell prints berth up's pid and becomes a sleep that never waits for it
    List<String> command = new ArrayList<>(List.of("sh", "-c", "\"$@\" >up.log 2>&1 & echo $!; exec sleep 300", "sh"));
    command.addAll(berth);
    Process shell = new ProcessBuilder(command).directory(work.toFile()).start();
    try {
      long first = Long.parseLong(new BufferedReader(new InputStreamReader(shell.getInputStream())).readLine().trim());
      Optional<UpFile> up = Optional.empty();
      for (int i = 0; i < 600 && up.isEmpty(); i++) {
        Thread.sleep(100);
        up = UpFile.read(work).filter(file -> file.pid() == first);
      }
      assertThat(up).as("up.json of the first berth up; its log:%n%s", log()).isPresent();
      assertThat(up.get().alive(work)).isTrue();

      Run refused = up(work);
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("a local cluster already runs here (pid " + first);

      ProcessHandle.of(first).orElseThrow().destroyForcibly(); // kill -9
      // SIGKILL is delivered at once, but the kernel tears the process down (and drops its lock) a
      // moment later: on a loaded machine tens of milliseconds
      for (int i = 0; i < 100 && up.get().alive(work); i++) {
        Thread.sleep(50);
      }
      Thread started = new Thread(() -> second = up(work));
      started.start();
      for (int i = 0; i < 600 && UpFile.read(work).filter(file -> file.pid() != first).isEmpty() && started.isAlive(); i++) {
        Thread.sleep(100);
      }
      assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive)).as("the killed berth up, a zombie").contains(true);
      UpFile next = UpFile.read(work).orElseThrow();
      assertThat(next.pid()).as("the new berth up wrote up.json; second run: %s", second).isEqualTo(ProcessHandle.current().pid());
      assertThat(next.alive(work)).isTrue();

      new ControlPlaneClient(URI.create(next.url()), next.adminToken()).post("/v1/shutdown", Map.of(), Map.class);
      started.join(120_000);
      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(second.out()).contains("berth up: control plane on ").contains("berth up: stopped");
      assertThat(next.alive(work)).as("after it stopped").isFalse();
    } finally {
      shell.destroyForcibly();
    }
  }

  private volatile Run second;

  private String log() throws Exception {
    Path log = work.resolve("up.log");
    return Files.exists(log) ? Files.readString(log) : "(none)";
  }

  record Run(int exit, String out, String err) {}

  /** {@code berth up --agents 1 --port 0} in this JVM with {@code .berth/} in {@code directory}, to its end. */
  private static Run up(Path directory) {
    CommandLine cli = BerthCli.commandLine();
    ((UpCommand) cli.getSubcommands().get("up").getCommand()).workDirectory = directory;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    AtomicInteger exit = new AtomicInteger();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      exit.set(cli.execute("up", "--agents", "1", "--port", "0", "--state", directory.resolve(".berth/state").toString()));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    return new Run(exit.get(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
