package io.berth.engine.chaos;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.berth.engine.cli.BerthCli;
import io.berth.engine.clock.ProcessClocks;
import io.berth.engine.testing.GitDaemon;
import io.berth.engine.docker.BerthLabels;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes a chaos run starts and faults: one {@code berth server} on a state repository that
 * {@code git daemon} serves as a Git remote, reached (by the server and by every apply) through a
 * {@link PushCuttingRelay}, and {@code berth agent}s, each reaching the server through its own
 * {@link TcpRelay}, all in JVMs of their own started from this test's class path. The server and the
 * agents run on a clock the run can move: each reads its offset from a file of its own
 * ({@link ProcessClocks#TESTING_OFFSET_FILE}). Every container the agents create carries the
 * run's own cluster name ({@link BerthLabels#CLUSTER}), which is how the run finds its containers
 * and leaves everyone else's alone.
 */
final class ChaosCluster implements AutoCloseable {
  static final String SECRET_NAME = "chaos/db";
  /** Above the agents' longest back-off after failed syncs (5 s), which berth server warns about otherwise. */
  static final Duration LOST_AFTER = Duration.ofSeconds(6);
  private static final Pattern LISTENING = Pattern.compile("listening on (https?://\\S+)");

  final Path work;
  /** The remote's bare repository, which git daemon serves. */
  final Path state;
  /** The server's cache of the remote state (beside the remote, on the same small disk). */
  final Path serverCache;
  /** The applies' cache of the remote state. */
  final Path applyCache;
  final String cluster;
  final String secretValue;
  private final int agentCount;
  private final DockerClient docker;
  private Process server;
  private URI serverUri;
  private int starts;
  private final List<Process> agents = new ArrayList<>();
  private final List<TcpRelay> relays = new ArrayList<>();
  /** Per process ("server", "agent-0"...): its clock's offset from the machine's, in milliseconds. */
  private final Map<String, Long> clockOffsets = new java.util.TreeMap<>();
  private GitDaemon daemon;
  private PushCuttingRelay gitRelay;

  ChaosCluster(Path work, Path state, String cluster, String secretValue, int agents, DockerClient docker) {
    this.work = work;
    this.state = state;
    this.serverCache = state.resolveSibling("server-cache");
    this.applyCache = work.resolve("apply-cache");
    this.cluster = cluster;
    this.secretValue = secretValue;
    this.agentCount = agents;
    this.docker = docker;
  }

  void start() throws Exception {
    // a test JVM stopped from outside (a timeout, Ctrl-C) takes the run's processes with it
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agents.stream().filter(p -> p != null).forEach(Process::destroyForcibly);
      if (server != null) {
        server.destroyForcibly();
      }
    }, "chaos-processes"));
    Process init = berth(List.of("init", "--state", state.toString()), work.resolve("init.log"));
    if (!init.waitFor(120, TimeUnit.SECONDS) || init.exitValue() != 0) {
      throw new IllegalStateException("berth init failed: " + Files.readString(work.resolve("init.log")));
    }
    daemon = GitDaemon.start(state.getParent(), work.resolve("git-daemon.log"));
    gitRelay = new PushCuttingRelay(daemon.port());
    startServer();
    for (int i = 0; i < agentCount; i++) {
      relays.add(new TcpRelay(serverUri.getPort()));
      agents.add(null);
      startAgent(i);
    }
  }

  int agents() {
    return agentCount;
  }

  Path serverDir() {
    return work.resolve("server");
  }

  /** The tokens the server wrote: the join token and every admin token (none may reach the state). */
  List<String> tokens() throws IOException {
    List<String> tokens = new ArrayList<>(List.of(Files.readString(serverDir().resolve("join-token")).strip()));
    for (String line : Files.readAllLines(serverDir().resolve("admin-tokens"))) {
      String[] fields = line.strip().split(" ");
      if (!line.startsWith("#") && fields.length >= 3) {
        tokens.add(fields[2]);
      }
    }
    return tokens;
  }

  boolean serverAlive() {
    return server != null && server.isAlive();
  }

  boolean agentAlive(int i) {
    return agents.get(i) != null && agents.get(i).isAlive();
  }

  void startServer() throws Exception {
    Path log = work.resolve("server-" + starts++ + ".log");
    // HTTPS with the cluster CA the server keeps in its data directory (so restarts keep it); tokens
    // and the secret only in files
    Path secrets = work.resolve("secrets");
    if (!Files.exists(secrets)) {
      Files.writeString(secrets, SECRET_NAME + "=" + secretValue + "\n");
    }
    server = berth(List.of("server", "--state", stateUrl(), "--state-cache", serverCache.toString(), "--listen", "127.0.0.1:0", "--data-dir",
        serverDir().toString(), "--secrets-file", secrets.toString(), "--healthy-after", "2s", "--sync-interval",
        "300ms", "--lost-after", LOST_AFTER.toSeconds() + "s", "--poll", "1s", "--lb-listen", "127.0.0.1"), log, false,
        Optional.of("server"));
    serverUri = URI.create(awaitMatch(log, server));
    relays.forEach(relay -> relay.target(serverUri.getPort()));
  }

  void startAgent(int i) throws IOException {
    Path log = work.resolve("agent-" + i + ".log");
    List<String> args = List.of("agent", "--server", "https://127.0.0.1:" + relays.get(i).port(), "--token-file",
        serverDir().resolve("join-token").toString(),
        "--cluster", cluster, "--zone", "zone-" + (char) ('a' + i % 3), "--advertise", "127.0.0." + (2 + i),
        "--cpu", "2048", "--memory", "2048", "--data-dir", work.resolve("agent-" + i).toString(),
        "--task-cleanup-wait", "0s");
    agents.set(i, berth(args, log, true, Optional.of("agent-" + i)));
  }

  /** kill -9 ({@code force}) or SIGTERM of the server, waited for. */
  void stopServer(boolean force) throws InterruptedException {
    stop(server, force);
  }

  void stopAgent(int i, boolean force) throws InterruptedException {
    stop(agents.get(i), force);
  }

  /** The state as the server and the applies reach it: git daemon, through the relay that cuts pushes. */
  String stateUrl() {
    return "git://127.0.0.1:" + gitRelay.port() + "/" + state.getFileName();
  }

  PushCuttingRelay gitRelay() {
    return gitRelay;
  }

  /**
   * Moves the clock of {@code process} ("server", "agent-0"...) by {@code millis} (negative: back), as
   * a step of its machine's clock would; returns its new offset from the machine's clock.
   */
  long jumpClock(String process, long millis) throws IOException {
    long offset = clockOffsets.merge(process, millis, Long::sum);
    Path file = clockFile(process);
    Path written = file.resolveSibling(file.getFileName() + ".new");
    Files.writeString(written, offset + "\n");
    Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return offset;
  }

  long clockOffset(String process) {
    return clockOffsets.getOrDefault(process, 0L);
  }

  private Path clockFile(String process) {
    return work.resolve("clock-" + process);
  }

  TcpRelay relay(int i) {
    return relays.get(i);
  }

  /** Every container of this run, running or not. */
  List<Container> containers() {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(BerthLabels.CLUSTER, cluster)).exec();
  }

  private static void stop(Process process, boolean force) throws InterruptedException {
    if (process == null) {
      return;
    }
    if (force) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A Berth command in a JVM of its own, its output appended to {@code log}. */
  Process berth(List<String> args, Path log) throws IOException {
    return berth(args, log, false, Optional.empty());
  }

  /** As {@link #berth(List, Path)}; a {@code clocked} process runs on the clock {@link #jumpClock} moves. */
  private Process berth(List<String> args, Path log, boolean append, Optional<String> clocked) throws IOException {
    List<String> line = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        BerthCli.class.getName()));
    line.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(line).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().keySet().removeIf(k -> k.startsWith("BERTH_"));
    clocked.ifPresent(process -> builder.environment().put(ProcessClocks.TESTING_OFFSET_FILE,
        clockFile(process).toString()));
    return builder.start();
  }

  private static String awaitMatch(Path log, Process process) throws Exception {
    for (int i = 0; i < 1200; i++) {
      if (Files.exists(log)) {
        Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (m.find()) {
          return m.group(1);
        }
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("berth server did not start: " + (Files.exists(log) ? Files.readString(log) : ""));
  }

  /** Stops every process, then removes this run's containers; returns how many were still running. */
  @Override
  public void close() throws Exception {
    for (int i = 0; i < agents.size(); i++) {
      stopAgent(i, false);
    }
    stopServer(false);
    for (TcpRelay relay : relays) {
      relay.close();
    }
    if (gitRelay != null) {
      gitRelay.close();
    }
    if (daemon != null) {
      daemon.close();
    }
    for (Container container : containers()) {
      try {
        if ("paused".equals(container.getState())) {
          docker.unpauseContainerCmd(container.getId()).exec();
        }
        docker.removeContainerCmd(container.getId()).withForce(true).exec();
      } catch (RuntimeException e) {
        // gone meanwhile
      }
    }
  }
}
