package io.berth.engine.chaos;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import io.berth.engine.docker.BerthLabels;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * One seeded chaos run: a randomized workload of applies (scale changes, image and environment
 * changes, racing applies from several processes) with faults at random moments (kill -9 and
 * SIGTERM of the control plane and of agents; docker kill, rm -f and pause of task containers; an
 * agent cut off through its relay for shorter and longer than the lost-after time; the state
 * repository's disk full during an apply; the clock of the server or of an agent jumping forward or
 * back; the Git remote dropping the connection during a push), then the invariants, checked from Docker's view and the
 * state repository rather than from Berth's reports. The seed fixes the sequence of actions and
 * their parameters; the interleaving with the processes' own timing is the machine's.
 */
final class ChaosRun {
  private static final Duration CONVERGE_WITHIN = Duration.ofSeconds(180);
  /** How long after a model is replaced its counts still bound the containers (old tasks draining). */
  private static final Duration DRAIN = Duration.ofSeconds(60);
  /** How long after a host's fault ends its containers are not counted (the agent catching up). */
  private static final Duration HOST_GRACE = Duration.ofSeconds(20);
  /**
   * The fault window of the minimumHealthyPercent check: from a fault until this long after it
   * ended, the services it removed capacity from (all of them for a host or control plane fault,
   * the container's for a container fault) may run fewer tasks; replacements come within it.
   */
  private static final Duration REPLACE_WITHIN = Duration.ofSeconds(30);
  private static final String ALL = "*";
  /** Every this many steps, a quiet spell. */
  private static final int QUIET_EVERY = 12;
  /** How soon after the faults stop the server's cache has the remote's main. */
  private static final Duration CACHE_FOLLOWS_WITHIN = Duration.ofSeconds(30);
  /** The farthest a process's clock is moved from the machine's. */
  private static final Duration MAX_CLOCK_OFFSET = Duration.ofMinutes(20);

  /** What the run is told. */
  record Options(long seed, Duration duration, int agents, Path work) {}

  /** What the run found. */
  record Report(long seed, Duration ran, Map<String, Integer> faults, int applies, int committed, int refused,
      int checks, int healthyChecks, int hostsLost, List<String> violations, Duration converged, boolean diskFull) {
    int faultCount() {
      return faults.values().stream().mapToInt(Integer::intValue).sum();
    }

    String text() {
      return "chaos run, seed " + seed + ": " + faultCount() + " faults in " + ran.toSeconds() + " s ("
          + String.format("%.1f", faultCount() * 60.0 / Math.max(1, ran.toSeconds())) + " per minute)\n"
          + "  faults: " + faults + (diskFull ? "" : " (disk-full faults off: no tmpfs could be mounted)") + "\n"
          + "  applies: " + applies + " (" + committed + " committed, " + refused + " refused)\n"
          + "  Docker views checked: " + checks + " for maximumPercent, " + healthyChecks + " for minimumHealthyPercent"
          + " (the others inside a fault window)\n"
          + "  hosts the control plane declared LOST: " + hostsLost + "\n"
          + "  converged after the faults stopped in " + (converged == null ? "-" : converged.toMillis() + " ms") + "\n"
          + "  invariant violations: " + violations.size() + (violations.isEmpty() ? "" : "\n    "
          + String.join("\n    ", violations)) + "\n";
    }
  }

  private final Options options;
  private final Random random;
  private final DockerClient docker;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> faults = new TreeMap<>();
  /** Every fault with its time since the run started. */
  private final List<String> recent = new CopyOnWriteArrayList<>();
  private volatile long runStarted = System.nanoTime();
  private final Set<ChaosModel> attempted = ConcurrentHashMap.newKeySet();
  private final Set<ChaosModel> committedModels = ConcurrentHashMap.newKeySet();
  /** Models an apply said it did not apply. */
  private final Set<ChaosModel> refusedModels = ConcurrentHashMap.newKeySet();
  /** Models and when they stopped being the newest committed one (Long.MAX_VALUE: current). */
  private final Map<ChaosModel, Long> inEffectUntil = new ConcurrentHashMap<>();
  /** Per agent: until when (nanoTime) its containers are not counted. */
  private final Map<Integer, Long> hostFaultUntil = new ConcurrentHashMap<>();
  /** Per family (or {@link #ALL}): until when (nanoTime) it may run fewer than minimumHealthyPercent. */
  private final Map<String, Long> capacityFaultUntil = new ConcurrentHashMap<>();
  private volatile int healthyChecks;
  /** The instances the runtime ref showed LOST at the last look. */
  private final Set<String> lostSeen = new HashSet<>();
  /** How many times the runtime ref showed a host become LOST. */
  private final java.util.concurrent.atomic.AtomicInteger lostDeclared = new java.util.concurrent.atomic.AtomicInteger();
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  private ChaosCluster cluster;
  private Path mount;
  private volatile boolean monitoring;
  private int applies;
  private int committed;
  private int refused;
  private int checks;
  private int applyDirs;

  ChaosRun(Options options, DockerClient docker) {
    this.options = options;
    this.random = new Random(options.seed());
    this.docker = docker;
  }

  Report run() throws Exception {
    Files.createDirectories(options.work());
    mount = options.work().resolve("fs");
    boolean diskFull = mountTmpfs(mount);
    String name = "chaos-" + Long.toHexString(options.seed()) + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    String secret = "s3cr3t-" + Long.toHexString(random.nextLong());
    cluster = new ChaosCluster(options.work(), mount.resolve("state.git"), name, secret, options.agents(), docker);
    long started = System.nanoTime();
    runStarted = started;
    Duration converged = null;
    try {
      cluster.start();
      apply(List.of(ChaosModel.random(random)));
      capacityFaultUntil.put(ALL, System.nanoTime() + REPLACE_WITHIN.toNanos()); // the first tasks starting
      Thread monitor = new Thread(this::monitor, "chaos-monitor");
      monitoring = true;
      monitor.start();
      long end = started + options.duration().toNanos();
      List<Kind> firstPass = new ArrayList<>(List.of(Kind.values()));
      firstPass.remove(Kind.APPLY);
      java.util.Collections.shuffle(firstPass, random);
      boolean quiet = false;
      // the first pass always completes, so that every run, however short or slow, meets every fault
      for (int steps = 1; System.nanoTime() < end || !firstPass.isEmpty(); steps++) {
        if (firstPass.isEmpty() && steps % QUIET_EVERY == 0) {
          quietSpell();
          quiet = true;
          continue;
        }
        step(next(firstPass), diskFull);
        Thread.sleep(500 + random.nextInt(2000));
      }
      if (!quiet) {
        quietSpell(); // a short run ends with one, so that it checks minimumHealthyPercent too
      }
      recoverAll();
      converged = converge();
      checkCacheFollows();
      monitoring = false;
      monitor.join();
      ChaosModel last = current().model();
      apply(List.of(last.emptied()));
      if (awaitRunning(0, Duration.ofSeconds(90)) > 0) {
        violations.add("containers still running 90 s after every service was scaled to zero: " + running());
      }
      // git fsck reads a repository while nothing writes it: a runtime commit written meanwhile (its
      // objects in a new pack fsck had not listed) reads as missing objects
      cluster.stopServer(false);
      checkRepository(secret);
    } finally {
      monitoring = false;
      cluster.close();
      if (diskFull) {
        unmount(mount);
      }
    }
    return new Report(options.seed(), Duration.ofNanos(System.nanoTime() - started), faults, applies, committed,
        refused, checks, healthyChecks, lostDeclared.get(), List.copyOf(violations), converged, diskFull);
  }

  /**
   * One apply and no fault for longer than a fault window, so that the minimumHealthyPercent check
   * sees the cluster outside fault windows too.
   */
  private void quietSpell() throws Exception {
    apply(List.of(ChaosModel.random(random)));
    Thread.sleep(REPLACE_WITHIN.plusSeconds(5).toMillis());
  }

  /** What a step does, and how often (relative weights). */
  enum Kind {
    APPLY(12), RACING_APPLIES(6), SERVER_KILL(8), SERVER_TERM(4), AGENT_KILL(9), AGENT_TERM(5), DOCKER_KILL(12),
    DOCKER_RM(9), DOCKER_PAUSE(8), CUT_SHORT(9), CUT_LONG(8), DISK_FULL(10), CLOCK_JUMP(10), PUSH_CUT(10);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  /** Every fault once, in a seeded order, so that a short run meets them all; then weighted at random. */
  private Kind next(List<Kind> firstPass) {
    if (!firstPass.isEmpty()) {
      return firstPass.remove(0);
    }
    int roll = random.nextInt(java.util.Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum());
    for (Kind kind : Kind.values()) {
      roll -= kind.weight;
      if (roll < 0) {
        return kind;
      }
    }
    return Kind.APPLY;
  }

  private void step(Kind kind, boolean diskFull) throws Exception {
    // a clock jump or a cut push removes no capacity: the invariants hold through them in full
    boolean hostLevel = kind != Kind.APPLY && kind != Kind.RACING_APPLIES && kind != Kind.DISK_FULL
        && kind != Kind.DOCKER_KILL && kind != Kind.DOCKER_RM && kind != Kind.DOCKER_PAUSE
        && kind != Kind.CLOCK_JUMP && kind != Kind.PUSH_CUT;
    if (hostLevel) {
      capacityFaultUntil.put(ALL, Long.MAX_VALUE);
    }
    try {
      act(kind, diskFull);
    } finally {
      if (hostLevel) {
        capacityFaultUntil.put(ALL, System.nanoTime() + REPLACE_WITHIN.toNanos());
      }
    }
    checkAlive();
  }

  private void act(Kind kind, boolean diskFull) throws Exception {
    int agent = random.nextInt(cluster.agents());
    switch (kind) {
      case APPLY -> apply(List.of(ChaosModel.random(random)));
      case RACING_APPLIES -> {
        count("racing applies (3 processes)");
        apply(List.of(ChaosModel.random(random), ChaosModel.random(random), ChaosModel.random(random)));
      }
      case SERVER_KILL, SERVER_TERM -> {
        boolean force = kind == Kind.SERVER_KILL;
        count(force ? "server kill -9" : "server SIGTERM");
        cluster.stopServer(force);
        Thread.sleep(500 + random.nextInt(2500));
        cluster.startServer();
      }
      case AGENT_KILL, AGENT_TERM -> {
        boolean force = kind == Kind.AGENT_KILL;
        count(force ? "agent kill -9" : "agent SIGTERM");
        hostFaultUntil.put(agent, Long.MAX_VALUE);
        cluster.stopAgent(agent, force);
        Thread.sleep(500 + random.nextInt(2500));
        cluster.startAgent(agent);
        hostFaultUntil.put(agent, System.nanoTime() + HOST_GRACE.toNanos());
      }
      case DOCKER_KILL -> containerFault("docker kill");
      case DOCKER_RM -> containerFault("docker rm -f");
      case DOCKER_PAUSE -> containerFault("docker pause");
      case CUT_SHORT, CUT_LONG -> {
        boolean longer = kind == Kind.CUT_LONG;
        count(longer ? "agent cut off > lost-after" : "agent cut off < lost-after");
        long millis = longer ? ChaosCluster.LOST_AFTER.toMillis() + 2000 + random.nextInt(4000)
            : 500 + random.nextInt((int) ChaosCluster.LOST_AFTER.toMillis() - 2000);
        hostFaultUntil.put(agent, Long.MAX_VALUE);
        cluster.relay(agent).cut();
        Thread.sleep(millis);
        cluster.relay(agent).restore();
        hostFaultUntil.put(agent, System.nanoTime() + HOST_GRACE.toNanos());
      }
      case DISK_FULL -> {
        if (!diskFull) {
          return;
        }
        count("state disk full during an apply");
        Path filler = mount.resolve("filler");
        fill(filler);
        try {
          apply(List.of(ChaosModel.random(random)));
        } finally {
          Files.deleteIfExists(filler);
        }
      }
      case CLOCK_JUMP -> clockJump();
      case PUSH_CUT -> pushCut();
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  /**
   * The clock of the server or of one agent steps forward or back: by seconds (2-30 s, beyond
   * lost-after too) or minutes (1-10), its offset from the machine's clock kept within
   * {@link #MAX_CLOCK_OFFSET} (a step that would leave it goes the other way).
   */
  private void clockJump() throws IOException {
    int target = random.nextInt(cluster.agents() + 1);
    String process = target == cluster.agents() ? "server" : "agent-" + target;
    long millis = random.nextBoolean() ? 2_000 + random.nextInt(28_000) : 60_000 + random.nextInt(540_000);
    boolean forward = random.nextBoolean();
    long offset = cluster.clockOffset(process);
    if (Math.abs(offset + (forward ? millis : -millis)) > MAX_CLOCK_OFFSET.toMillis()) {
      forward = !forward;
    }
    count((target == cluster.agents() ? "server" : "agent") + " clock jump " + (forward ? "forward" : "back"));
    cluster.jumpClock(process, forward ? millis : -millis);
  }

  /**
   * The Git remote drops the connection of the next push, mid-pack or once it has the pack (its
   * answer lost), while an apply runs; counted when a push was cut (the apply's, or the server's
   * publication of refs/berth/observed).
   */
  private void pushCut() throws Exception {
    PushCuttingRelay relay = cluster.gitRelay();
    int before = relay.cuts();
    relay.arm(new PushCuttingRelay.Cut(random.nextBoolean(), random.nextInt(3000)));
    try {
      apply(List.of(ChaosModel.random(random)));
    } finally {
      relay.disarm();
    }
    if (relay.cuts() > before) {
      count(relay.lastCut().kind());
    }
  }

  private void containerFault(String kind) throws InterruptedException {
    List<Container> running = cluster.containers().stream().filter(c -> "running".equals(c.getState())).toList();
    if (running.isEmpty()) {
      return;
    }
    Container victim = running.get(random.nextInt(running.size()));
    int pauseMillis = 2000 + random.nextInt(6000);
    String family = victim.getLabels().getOrDefault(BerthLabels.FAMILY, "?");
    capacityFaultUntil.put(family, Long.MAX_VALUE);
    count(kind);
    try {
      switch (kind) {
        case "docker kill" -> docker.killContainerCmd(victim.getId()).exec();
        case "docker rm -f" -> docker.removeContainerCmd(victim.getId()).withForce(true).exec();
        default -> {
          docker.pauseContainerCmd(victim.getId()).exec();
          Thread.sleep(pauseMillis);
          docker.unpauseContainerCmd(victim.getId()).exec();
        }
      }
    } catch (RuntimeException e) {
      // the container went away meanwhile (its task was stopped): the fault still happened or was moot
    } finally {
      capacityFaultUntil.put(family, System.nanoTime() + REPLACE_WITHIN.toNanos());
    }
  }

  private void count(String fault) {
    faults.merge(fault, 1, Integer::sum);
    String line = String.format("%s at %.1f s", fault, (System.nanoTime() - runStarted) / 1e9);
    recent.add(line);
    try {
      // the timeline, to read beside the processes' logs (whose lines carry the machine's time)
      Files.writeString(options.work().resolve("faults.log"), Instant.now() + " " + line + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last few faults, for a violation's message. */
  private List<String> lastFaults() {
    List<String> all = List.copyOf(recent);
    return all.subList(Math.max(0, all.size() - 3), all.size());
  }

  /** Runs one apply per model at once, each in its own process; records what each did. */
  private void apply(List<ChaosModel> models) throws Exception {
    List<Process> processes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (ChaosModel model : models) {
      Path dir = options.work().resolve("desired-" + applyDirs++);
      model.write(dir, cluster.cluster);
      attempted.add(model);
      Path log = dir.resolve("apply.log");
      logs.add(log);
      processes.add(cluster.berth(List.of("apply", "--desired", dir.toString(), "--auto-approve", "--state",
          cluster.stateUrl(), "--state-cache", cluster.applyCache.toString()), log));
    }
    for (int i = 0; i < processes.size(); i++) {
      applies++;
      Process process = processes.get(i);
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        violations.add("an apply did not finish in 180 s: " + logs.get(i));
        continue;
      }
      String out = Files.readString(logs.get(i));
      if (process.exitValue() == 0) {
        committed++;
        committedModels.add(models.get(i));
      } else {
        refused++;
        refusedModels.add(models.get(i));
        if (out.contains("Exception") || out.contains("\tat ")) {
          violations.add("a refused apply showed Java's words: " + out.lines().limit(3).toList());
        }
      }
    }
    Optional<ChaosModel.Declared> now = currentOrEmpty();
    now.ifPresent(declared -> {
      inEffectUntil.replaceAll((model, until) -> until == Long.MAX_VALUE && !model.equals(declared.model())
          ? System.nanoTime() + DRAIN.toNanos() : until);
      inEffectUntil.put(declared.model(), Long.MAX_VALUE);
    });
  }

  /** Samples Docker every second: per service, running containers within maximumPercent of the counts in effect. */
  private void monitor() {
    while (monitoring) {
      try {
        long now = System.nanoTime();
        Map<String, Integer> running = new TreeMap<>();
        Map<String, Integer> anywhere = new TreeMap<>();
        for (Container container : cluster.containers()) {
          if (!"running".equals(container.getState())) {
            continue;
          }
          String family = container.getLabels().getOrDefault(BerthLabels.FAMILY, "?");
          anywhere.merge(family, 1, Integer::sum);
          if (!onFaultedHost(container, now)) {
            running.merge(family, 1, Integer::sum);
          }
        }
        checks++;
        checkMinimumHealthy(anywhere, now);
        checkLostHosts(now);
        running.forEach((family, count) -> {
          int desired = inEffectUntil.entrySet().stream().filter(e -> e.getValue() > now)
              .mapToInt(e -> e.getKey().maxCount(family)).max().orElse(0);
          int allowed = (int) Math.ceil(desired * ChaosModel.MAXIMUM_PERCENT / 100.0);
          if (count > allowed) {
            violations.add("service " + family + ": " + count + " containers running, more than maximumPercent "
                + ChaosModel.MAXIMUM_PERCENT + " % of the desired count " + desired + " allows");
          }
        });
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // Docker busy: sample again
      }
    }
  }

  /**
   * Outside fault windows, every service runs at least minimumHealthyPercent of the smallest
   * desired count in effect (a scale-up is not a shortfall until its model is the only one).
   */
  private void checkMinimumHealthy(Map<String, Integer> running, long now) {
    if (capacityFaultUntil.getOrDefault(ALL, 0L) > now) {
      return;
    }
    boolean checked = false;
    for (String family : ChaosModel.NAMES) {
      if (capacityFaultUntil.getOrDefault(family, 0L) > now) {
        continue;
      }
      int desired = inEffectUntil.entrySet().stream().filter(e -> e.getValue() > now)
          .mapToInt(e -> e.getKey().maxCount(family)).min().orElse(0);
      int needed = (int) Math.ceil(desired * ChaosModel.MINIMUM_HEALTHY_PERCENT / 100.0);
      int count = running.getOrDefault(family, 0);
      checked = true;
      if (count < needed) {
        violations.add("service " + family + ": " + count + " containers running outside a fault window, fewer than"
            + " minimumHealthyPercent " + ChaosModel.MINIMUM_HEALTHY_PERCENT + " % of the desired count " + desired);
      }
    }
    if (checked) {
      healthyChecks++;
    }
  }

  /**
   * A host the control plane declares LOST must be one the run faulted (killed or cut off, until
   * {@link #HOST_GRACE} after): read from the runtime ref of the server's cache, where the plane
   * commits an instance's status in the tick that decides it. A clock jump, or a push cut, loses no host.
   */
  private void checkLostHosts(long now) {
    Set<String> lost = new HashSet<>();
    try (Repository repository = new FileRepositoryBuilder().setGitDir(cacheRepository(cluster.serverCache).toFile())
        .setMustExist(true).build(); RevWalk walk = new RevWalk(repository)) {
      var runtime = repository.resolve("refs/berth/runtime");
      if (runtime == null) {
        return;
      }
      try (var tree = new org.eclipse.jgit.treewalk.TreeWalk(repository)) {
        tree.addTree(walk.parseCommit(runtime).getTree());
        tree.setRecursive(true);
        tree.setFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create("container-instances"));
        while (tree.next()) {
          var instance = JSON.readTree(repository.open(tree.getObjectId(0)).getBytes());
          if ("LOST".equals(instance.path("status").asText())) {
            String id = instance.path("instanceId").asText();
            lost.add(id);
            String address = instance.path("address").asText();
            int agent = address.startsWith("127.0.0.") ? Integer.parseInt(address.substring("127.0.0.".length())) - 2 : -1;
            if (!lostSeen.contains(id)) {
              lostDeclared.incrementAndGet();
            }
            if (!lostSeen.contains(id) && hostFaultUntil.getOrDefault(agent, 0L) <= now) {
              violations.add(String.format("the control plane declared agent %d (%s) LOST outside any fault of it, at %.1f"
                  + " s (last faults: %s)", agent, id, (now - runStarted) / 1e9, lastFaults()));
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return; // the cache is being written or not there yet: read again next time
    }
    lostSeen.clear();
    lostSeen.addAll(lost);
  }

  /** Whether the container is on a host the run has faulted (it cannot be stopped by its agent now). */
  private boolean onFaultedHost(Container container, long now) {
    for (ContainerPort port : container.getPorts() == null ? new ContainerPort[0] : container.getPorts()) {
      String ip = port.getIp();
      if (ip != null && ip.startsWith("127.0.0.")) {
        int agent = Integer.parseInt(ip.substring("127.0.0.".length())) - 2;
        return hostFaultUntil.getOrDefault(agent, 0L) > now;
      }
    }
    return false;
  }

  /** The harness restarts what it killed; any other dead process is an unexpected exit. */
  private void checkAlive() throws Exception {
    if (!cluster.serverAlive()) {
      violations.add("berth server exited by itself (see " + options.work() + "/server-*.log)");
      cluster.startServer();
    }
    for (int i = 0; i < cluster.agents(); i++) {
      if (!cluster.agentAlive(i)) {
        violations.add("berth agent " + i + " exited by itself");
        cluster.startAgent(i);
      }
    }
  }

  private void recoverAll() throws Exception {
    checkAlive();
    for (int i = 0; i < cluster.agents(); i++) {
      cluster.relay(i).restore();
    }
    for (Container container : cluster.containers()) {
      if ("paused".equals(container.getState())) {
        docker.unpauseContainerCmd(container.getId()).exec();
      }
    }
    hostFaultUntil.clear();
  }

  /** Waits until Docker runs exactly the declared tasks (count and revision per service). */
  private Duration converge() throws Exception {
    long from = System.nanoTime();
    long deadline = from + CONVERGE_WITHIN.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      ChaosModel.Declared declared = current();
      Map<String, Integer> wanted = new TreeMap<>();
      declared.model().services().forEach((name, s) -> wanted.put(name + ":" + declared.revisions().get(name), s.count()));
      wanted.values().removeIf(count -> count == 0);
      Map<String, Integer> seen = running();
      if (seen.equals(wanted)) {
        return Duration.ofNanos(System.nanoTime() - from);
      }
      last = "declared " + wanted + ", Docker runs " + seen;
      Thread.sleep(1000);
    }
    violations.add("not converged " + CONVERGE_WITHIN.toSeconds() + " s after the faults stopped: " + last);
    return null;
  }

  /** The server's cache of the remote state reaches the remote's main (it fetches every second). */
  private void checkCacheFollows() throws Exception {
    long deadline = System.nanoTime() + CACHE_FOLLOWS_WITHIN.toNanos();
    String remote = "";
    String cache = "";
    while (System.nanoTime() < deadline) {
      remote = git(cluster.state, "rev-parse", "refs/heads/main").strip();
      cache = git(cacheRepository(cluster.serverCache), "rev-parse", "refs/heads/main").strip();
      if (remote.equals(cache)) {
        return;
      }
      Thread.sleep(500);
    }
    violations.add("the server's cache does not follow the remote " + CACHE_FOLLOWS_WITHIN.toSeconds()
        + " s after the faults stopped: remote main " + remote + ", cache main " + cache);
  }

  /** The bare repository a cache root holds for the run's one remote. */
  private static Path cacheRepository(Path root) throws IOException {
    try (var children = Files.list(root)) {
      return children.filter(p -> Files.exists(p.resolve("HEAD"))).findFirst().orElse(root);
    }
  }

  /** Running containers per family:revision, from Docker's labels. */
  private Map<String, Integer> running() {
    Map<String, Integer> seen = new TreeMap<>();
    for (Container container : cluster.containers()) {
      if ("running".equals(container.getState())) {
        seen.merge(container.getLabels().get(BerthLabels.FAMILY) + ":" + container.getLabels().get(BerthLabels.REVISION),
            1, Integer::sum);
      }
    }
    return seen;
  }

  private int awaitRunning(int count, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    int now = Integer.MAX_VALUE;
    while (System.nanoTime() < deadline) {
      now = running().values().stream().mapToInt(Integer::intValue).sum();
      if (now == count) {
        return now;
      }
      Thread.sleep(1000);
    }
    return now;
  }

  private ChaosModel.Declared current() throws IOException {
    return currentOrEmpty().orElseThrow(() -> new IllegalStateException("the state declares no chaos service"));
  }

  private Optional<ChaosModel.Declared> currentOrEmpty() throws IOException {
    try (Repository repository = open(); RevWalk walk = new RevWalk(repository)) {
      var main = repository.resolve("refs/heads/main");
      return main == null ? Optional.empty() : ChaosModel.read(repository, walk.parseCommit(main), cluster.cluster);
    }
  }

  private Repository open() throws IOException {
    return new FileRepositoryBuilder().setGitDir(cluster.state.toFile()).setMustExist(true).build();
  }

  /** Every commit on main declares one whole model some apply sent; git fsck is clean; the secret is nowhere. */
  private void checkRepository(String secret) throws Exception {
    Set<ChaosModel> seen = new HashSet<>();
    try (Repository repository = open(); RevWalk walk = new RevWalk(repository)) {
      walk.markStart(walk.parseCommit(repository.resolve("refs/heads/main")));
      for (RevCommit commit : walk) {
        Optional<ChaosModel.Declared> declared = ChaosModel.read(repository, commit, cluster.cluster);
        if (declared.isPresent() && !attempted.contains(declared.get().model())) {
          violations.add("commit " + commit.name() + " declares a model no apply sent (half an apply?): "
              + declared.get().model());
        }
        declared.ifPresent(d -> seen.add(d.model()));
      }
    }
    for (ChaosModel model : committedModels) {
      if (!seen.contains(model)) {
        violations.add("an apply said it applied a model no commit on main declares: " + model);
      }
    }
    for (ChaosModel model : refusedModels) {
      if (seen.contains(model) && !committedModels.contains(model)) {
        violations.add("an apply said nothing was applied, yet a commit on main declares its model: " + model);
      }
    }
    for (Path repository : List.of(cluster.state, cacheRepository(cluster.serverCache),
        cacheRepository(cluster.applyCache))) {
      String fsck = git(repository, "fsck", "--strict", "--no-dangling");
      if (fsck.contains("error") || fsck.contains("missing") || fsck.contains("broken")) {
        Path kept = options.work().resolve("fsck-failed-" + repository.getParent().getFileName());
        violations.add("git fsck of " + repository + ": " + fsck.lines().limit(5).toList() + " (copied to " + kept + ")");
        // the tmpfs goes after the run: keep the repository as it was for a look
        new ProcessBuilder("cp", "-a", repository.toString(), kept.toString()).redirectErrorStream(true).start()
            .waitFor();
      }
    }
    String objects = git("cat-file", "--batch-all-objects", "--batch");
    if (objects.contains(secret)) {
      violations.add("the secret's value is in the state repository");
    }
    for (String token : cluster.tokens()) {
      if (objects.contains(token)) {
        violations.add("a token of the control plane is in the state repository");
      }
    }
  }

  private String git(String... args) throws Exception {
    return git(cluster.state, args);
  }

  private String git(Path repository, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "--git-dir", repository.toString()));
    command.addAll(List.of(args));
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    git.waitFor();
    return git.exitValue() == 0 ? out : "error: git " + String.join(" ", args) + " exited " + git.exitValue() + ": " + out;
  }

  /** A small tmpfs for the state repository, so that a fault can fill its disk; false when it cannot be mounted. */
  private static boolean mountTmpfs(Path at) throws Exception {
    Files.createDirectories(at);
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", at.toString())
        .redirectErrorStream(true).start();
    mount.getInputStream().readAllBytes();
    return mount.waitFor() == 0;
  }

  private static void unmount(Path at) throws Exception {
    new ProcessBuilder("umount", "-l", at.toString()).redirectErrorStream(true).start().waitFor();
  }

  /** Writes until the disk is full. */
  private static void fill(Path filler) {
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(chunk);
      }
    } catch (IOException e) {
      // full
    }
  }
}
