package io.berth.engine.scale;

import io.berth.engine.api.ClientTls;
import io.berth.engine.api.ControlPlaneClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code berth server} in a JVM of its own, started by the launcher ({@code ./berth}) with its
 * default settings; only GC logging is added, to read the heap. Its CPU comes from
 * {@code /proc/<pid>/stat}, its peak RSS from {@code /proc/<pid>/status}, its heap from the GC log
 * (the heap in use before each collection is the peak between collections). The port stays the same
 * across restarts, so the simulated hosts find it again.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (https://\\S+)");
  /** {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 123M->45M(256M) 3.2ms}. */
  private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
  private static final String ADMIN_TOKEN = "admin-scale-harness-token";

  private final Path launcher;
  private final Path state;
  private final Path work;
  private final int port;
  private final List<String> extraArgs;
  private Process process;
  private int starts;
  private double cpuOfEarlierProcesses;
  private long gcLogOffset;

  ServerProcess(Path launcher, Path state, Path work, List<String> extraArgs) throws IOException {
    this.launcher = launcher;
    this.state = state;
    this.work = work;
    this.extraArgs = extraArgs;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      this.port = probe.getLocalPort();
    }
  }

  URI uri() {
    return URI.create("https://127.0.0.1:" + port);
  }

  private Path dataDir() {
    return work.resolve("server-data");
  }

  /** The join token the server made on its first start (it carries the cluster CA's fingerprint). */
  String joinToken() throws IOException {
    return Files.readString(dataDir().resolve("join-token")).strip();
  }

  /** An admin client trusting the cluster CA the server made. */
  ControlPlaneClient adminClient() {
    return new ControlPlaneClient(uri(), ADMIN_TOKEN,
        ClientTls.forServer(uri(), Optional.of(dataDir().resolve("ca.pem")), Optional.empty()));
  }

  /** Starts the server and waits until it listens. */
  void start() throws IOException, InterruptedException {
    starts++;
    Path log = work.resolve("server-" + starts + ".log");
    Path gcLog = work.resolve("server-gc-" + starts + ".log");
    gcLogOffset = 0;
    Path adminTokens = work.resolve("admin-tokens");
    Files.writeString(adminTokens, "scale write " + ADMIN_TOKEN + "\n");
    List<String> command = new ArrayList<>(List.of(launcher.toString(), "server", "--state", state.toString(),
        "--listen", "127.0.0.1:" + port, "--data-dir", dataDir().toString(), "--admin-tokens", adminTokens.toString()));
    command.addAll(extraArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    String opts = System.getenv().getOrDefault("BERTH_JAVA_OPTS", "");
    builder.environment().put("BERTH_JAVA_OPTS", (opts + " -Xlog:gc:file=" + gcLog).strip());
    process = builder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher matcher = LISTENING.matcher(Files.readString(log));
        if (matcher.find()) {
          return;
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("berth server exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("berth server did not listen within 120 s; see " + log);
  }

  /** Kills the server at once (SIGKILL), as a crash or a lost machine. */
  void kill() throws InterruptedException {
    cpuOfEarlierProcesses += cpuSecondsOfCurrent();
    process.destroyForcibly();
    process.waitFor();
  }

  /** The server's CPU (user + system) since its first start, summed over restarts. */
  double cpuSeconds() {
    return cpuOfEarlierProcesses + cpuSecondsOfCurrent();
  }

  private double cpuSecondsOfCurrent() {
    return process != null && process.isAlive() ? ProcStat.cpuSeconds(process.pid()) : 0;
  }

  /** The current process's peak resident set (VmHWM), MiB. */
  long peakRssMib() {
    return ProcStat.statusKib(process.pid(), "VmHWM") / 1024;
  }

  /** The heap figures of the GC log lines since the last call: [peak in use before a GC, peak live after, committed], MiB. */
  long[] heapSinceLast() throws IOException {
    Path gcLog = work.resolve("server-gc-" + starts + ".log");
    long[] peak = new long[3];
    if (!Files.exists(gcLog)) {
      return peak;
    }
    byte[] bytes = Files.readAllBytes(gcLog);
    String text = new String(bytes, (int) Math.min(gcLogOffset, bytes.length), (int) Math.max(0, bytes.length - gcLogOffset),
        java.nio.charset.StandardCharsets.UTF_8);
    gcLogOffset = bytes.length;
    Matcher matcher = GC_LINE.matcher(text);
    while (matcher.find()) {
      peak[0] = Math.max(peak[0], Long.parseLong(matcher.group(1)));
      peak[1] = Math.max(peak[1], Long.parseLong(matcher.group(2)));
      peak[2] = Math.max(peak[2], Long.parseLong(matcher.group(3)));
    }
    return peak;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }
}
