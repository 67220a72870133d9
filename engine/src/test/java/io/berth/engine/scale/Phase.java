package io.berth.engine.scale;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One measured phase of a scenario: its start, and the row {@link Meter#end} prints for it — wall
 * time, the server's CPU-seconds and share of one core, the harness JVM's CPU, the server's heap
 * (peak in use before a collection, peak live after one) and peak RSS, the hosts' syncs per second,
 * the probe's sync round trip (p50, p99), runtime commits per second and the state repository's
 * growth on disk and in objects.
 */
record Phase(String name, long startedNanos, java.time.Instant startedAt, double serverCpu, double harnessCpu,
    Repository repository) {

  static final String HEADER = String.join(" | ", "phase", "wall s", "server CPU-s", "server % core",
      "harness CPU-s", "heap MiB peak / live", "server RSS MiB", "syncs/s (new assignments/s)", "probe p50 / p99 ms",
      "runtime commits (/s)", "repo growth KiB, objects", "notes");

  /**
   * A state repository at one moment: the runtime ref's history length (compaction shortens it),
   * objects (loose + packed), bytes on disk.
   */
  record Repository(long runtimeCommits, long objects, long kib) {
    @Override
    public String toString() {
      return runtimeCommits + " commits on the runtime ref, " + objects + " objects, " + kib + " KiB on disk";
    }
  }

  /** Takes the figures of a server, a fleet and a state repository. */
  static final class Meter {
    private final ServerProcess server;
    private final Fleet fleet;
    private final Path state;
    /** Runtime commits seen on the ref, as "time tree subject" (the same for a compacted copy). */
    private final java.util.Set<String> seenCommits = new java.util.HashSet<>();

    Meter(ServerProcess server, Fleet fleet, Path state) {
      this.server = server;
      this.fleet = fleet;
      this.state = state;
      watchRuntimeCommits();
    }

    Phase begin(String name) throws IOException, InterruptedException {
      fleet.stats().take();
      fleet.probeStats().take();
      server.heapSinceLast();
      return new Phase(name, System.nanoTime(), java.time.Instant.now(), server.cpuSeconds(), ownCpu(), repository());
    }

    void end(Phase phase, String notes) throws IOException, InterruptedException {
      double wall = (System.nanoTime() - phase.startedNanos()) / 1e9;
      double cpu = server.cpuSeconds() - phase.serverCpu();
      long[] heap = server.heapSinceLast();
      SyncStats.Window syncs = fleet.stats().take();
      SyncStats.Window probe = fleet.probeStats().take();
      Repository after = repository();
      long commits = commitsSince(phase.startedAt());
      System.out.println(String.join(" | ", phase.name(), seconds(wall), seconds(cpu),
          String.format(Locale.ROOT, "%.1f", 100 * cpu / wall), seconds(ownCpu() - phase.harnessCpu()),
          heap[0] + " / " + heap[1], String.valueOf(server.peakRssMib()),
          String.format(Locale.ROOT, "%.0f (%.0f)", syncs.syncs() / wall, syncs.changed() / wall),
          String.format(Locale.ROOT, "%.1f / %.1f", probe.p50Millis(), probe.p99Millis()),
          String.format(Locale.ROOT, "%d (%.2f)", commits, commits / wall),
          (after.kib() - phase.repository().kib()) + ", " + (after.objects() - phase.repository().objects()),
          notes + (syncs.failed() > 0 ? "; failed host exchanges " + syncs.failed() + " (" + syncs.failures() + ")" : "")
              + (probe.failed() > 0 ? "; failed probes " + probe.failed() + " (" + probe.failures() + ")" : "")
              + "; load " + loadAverage()));
    }

    Repository repository() throws IOException, InterruptedException {
      if (!Files.exists(state)) {
        return new Repository(0, 0, 0);
      }
      String count = git("rev-list", "--count", "refs/berth/runtime");
      long objects = 0;
      for (String line : git("count-objects", "-v").split("\n")) {
        if (line.startsWith("count:") || line.startsWith("in-pack:")) {
          objects += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
        }
      }
      String du = run(List.of("du", "-sk", state.toString())).split("\\s+")[0];
      return new Repository(count.matches("\\d+") ? Long.parseLong(count) : 0, objects, Long.parseLong(du));
    }

    /**
     * Runtime commits made since {@code start}, by their commit times. A compaction rewrites the
     * ref's history (each commit keeps its tree, time and message, and at least 250 commits stay), so
     * neither the difference of two lengths nor one look at the history counts them: the ref is read
     * every few seconds ({@link #watchRuntimeCommits}) and every commit seen is remembered.
     */
    long commitsSince(java.time.Instant start) throws IOException, InterruptedException {
      lookAtRuntimeCommits();
      synchronized (seenCommits) {
        return seenCommits.stream().filter(key -> Long.parseLong(key.substring(0, key.indexOf(' '))) >= start
            .getEpochSecond()).count();
      }
    }

    /** Starts reading the runtime ref's newest commits every 5 s on a daemon thread. */
    void watchRuntimeCommits() {
      Thread watcher = new Thread(() -> {
        try {
          while (true) {
            lookAtRuntimeCommits();
            Thread.sleep(5000);
          }
        } catch (IOException | InterruptedException e) {
          // the run is over
        }
      }, "runtime-commit-watcher");
      watcher.setDaemon(true);
      watcher.start();
    }

    private void lookAtRuntimeCommits() throws IOException, InterruptedException {
      if (!Files.exists(state)) {
        return;
      }
      String log = git("log", "-n", "600", "--format=%ct %T %s", "refs/berth/runtime");
      synchronized (seenCommits) {
        log.lines().filter(line -> line.matches("\\d+ .*")).forEach(seenCommits::add);
      }
    }

    private String git(String... args) throws IOException, InterruptedException {
      List<String> command = new java.util.ArrayList<>(List.of("git", "--git-dir", state.toString()));
      command.addAll(List.of(args));
      return run(command);
    }
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    process.waitFor();
    return out;
  }

  private static double ownCpu() {
    return ProcStat.cpuSeconds(ProcessHandle.current().pid());
  }

  static String seconds(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  static JavaType type(TypeReference<?> reference) {
    return TypeFactory.defaultInstance().constructType(reference);
  }
}
