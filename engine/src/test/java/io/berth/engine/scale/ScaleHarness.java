package io.berth.engine.scale;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.server.InstanceRecord;
import io.berth.engine.server.ServiceView;
import io.berth.engine.server.TaskRecord;
import io.berth.engine.task.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scale harness of {@code scripts/bench-scale}: a real {@code berth server} in its own JVM and
 * {@code --hosts} simulated hosts in this one, then the scenarios of {@code --scenarios} in order,
 * each reported as a row of {@link Phase} figures:
 * {@code register}, {@code idle-empty}, (a) {@code create}: apply {@code --services} services of
 * {@code --tasks} tasks and wait until every task serves; {@code idle}: nothing changes for
 * {@code --idle-seconds}; (b) {@code rollout}: a new image for every service at once, checking the
 * minimum healthy percent on the hosts throughout; (c) {@code steady}: {@code --steady-seconds} with
 * 1 % of the tasks crashing per minute; (d) {@code lose}: {@code --lose} hosts killed at once; (e)
 * {@code restart}: a rollout with the server killed (SIGKILL) and started again once half of it is
 * done, then every task checked to be there once.
 */
public final class ScaleHarness {
  private static final TypeReference<List<ServiceView>> SERVICES = new TypeReference<>() {};
  private static final TypeReference<List<InstanceRecord>> INSTANCES = new TypeReference<>() {};
  private static final TypeReference<List<TaskRecord>> TASKS = new TypeReference<>() {};

  private final Options options;
  private final Path work;
  private final ServerProcess server;
  private Fleet fleet;
  private ControlPlaneClient admin;
  private final Map<String, Integer> desired = new LinkedHashMap<>();
  private Phase.Meter meter;
  private int version;

  private ScaleHarness(Options options) throws IOException {
    this.options = options;
    this.work = options.work();
    Path state = work.resolve("state");
    this.server = new ServerProcess(options.launcher(), state, work, List.of());
    for (int i = 0; i < options.services(); i++) {
      desired.put(ScaleStack.serviceName(i), ScaleStack.desiredCount(i, options.services(), options.tasks()));
    }
  }

  public static void main(String[] args) throws Exception {
    // Each agent is a JVM with its own kept-alive connection; the JDK keeps 5 per destination unless told.
    System.setProperty("http.maxConnections", "4096");
    Options options = Options.parse(args);
    Files.createDirectories(options.work());
    ScaleHarness harness = new ScaleHarness(options);
    // the server is this JVM's child: never left running when the harness is stopped
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        harness.server.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    int status = harness.run();
    System.exit(status);
  }

  private int run() throws Exception {
    System.out.println(options.describe() + "; load average before: " + Phase.loadAverage());
    System.out.println(Phase.HEADER);
    boolean ok = true;
    try {
      launch("init", "--state", work.resolve("state").toString());
      // The launcher writes its class-data archive on the first plan or apply after a build: not in a measured apply.
      launch("plan", "--desired", ScaleStack.write(work.resolve("v1"), options.services(), options.tasks(), 1).toString(),
          "--state", work.resolve("state").toString());
      server.start();
      // the hosts join with the token the server made, which carries its CA's fingerprint (HTTPS, as on any network)
      fleet = new Fleet(server.uri(), server.joinToken(), ScaleStack.CLUSTER, options.hosts(), 4096, 8192,
          new FakeRuntime.Timings(options.startTime(), options.healthyTime(), options.stopTime()), options.syncWait());
      admin = server.adminClient();
      meter = new Phase.Meter(server, fleet, work.resolve("state"));
      Phase phase = meter.begin("register");
      fleet.start();
      ok &= check(fleet.awaitRegistered(options.timeout()), "every host registers");
      meter.end(phase, "");
      for (String scenario : options.scenarios()) {
        ok &= switch (scenario) {
          case "idle-empty", "idle" -> idle(scenario);
          case "a" -> create();
          case "b" -> rollout("b-rollout", false);
          case "c" -> steady();
          case "d" -> lose();
          case "e" -> rollout("e-restart", true);
          default -> throw new IllegalArgumentException("unknown scenario " + scenario + "; give a, b, c, d, e, idle");
        };
      }
    } finally {
      if (fleet != null) {
        fleet.close();
      }
      server.close();
    }
    System.out.println("state repository at the end: " + meter.repository());
    System.out.println(ok ? "all scenarios converged" : "SOME SCENARIOS FAILED (see above)");
    return ok ? 0 : 1;
  }

  private boolean idle(String name) throws Exception {
    Phase phase = meter.begin(name);
    Thread.sleep(options.idleTime().toMillis());
    meter.end(phase, "");
    return true;
  }

  /** (a): the first version applied; until every task serves. */
  private boolean create() throws Exception {
    Phase phase = meter.begin("a-create");
    String apply = apply(++version);
    long applied = System.nanoTime();
    boolean converged = awaitConverged(() -> {});
    String after = sinceApplied(applied);
    meter.end(phase, apply + "; " + after + (converged ? "" : "; DID NOT CONVERGE: " + progress()));
    return converged;
  }

  /** (b) and (e): every service to a new image at once, each service's minimum healthy held throughout. */
  private boolean rollout(String name, boolean restart) throws Exception {
    Phase phase = meter.begin(name);
    String apply = apply(++version);
    long applied = System.nanoTime();
    int[] belowMinimum = {0};
    boolean[] restarted = {!restart};
    double[] restartSeconds = {0};
    int target = version;
    boolean converged = awaitConverged(() -> {
      Map<String, Integer> serving = fleet.servingPerService();
      desired.forEach((service, count) -> belowMinimum[0] += serving.getOrDefault(service, 0) < count ? 1 : 0);
      if (!restarted[0] && servingOn(target) * 2 >= options.tasks()) {
        restarted[0] = true;
        try {
          server.kill();
          long down = System.nanoTime();
          server.start();
          restartSeconds[0] = (System.nanoTime() - down) / 1e9;
        } catch (Exception e) {
          throw new IllegalStateException("restarting the server failed", e);
        }
      }
    });
    String after = sinceApplied(applied);
    String notes = apply + "; " + after + "; service-samples below minimum healthy: " + belowMinimum[0];
    boolean ok = converged;
    if (restart) {
      String check = lostOrDuplicated();
      notes += "; server killed at half, listening again " + Phase.seconds(restartSeconds[0]) + " s later; "
          + (check.isEmpty() ? "no task lost or duplicated" : check);
      ok &= check.isEmpty();
    }
    meter.end(phase, notes + (converged ? "" : "; DID NOT CONVERGE: " + progress()));
    return ok && belowMinimum[0] == 0;
  }

  /** (c): {@code --steady-seconds} with 1 % of the tasks crashing per minute, then until all serve again. */
  private boolean steady() throws Exception {
    Phase phase = meter.begin("c-steady");
    Random random = new Random(27);
    double perSecond = options.tasks() * 0.01 / 60;
    double owed = 0;
    int crashed = 0;
    long end = System.nanoTime() + options.steadyTime().toNanos();
    while (System.nanoTime() < end) {
      owed += perSecond;
      int now = (int) owed;
      owed -= now;
      crashed += fleet.failRandom(now, random);
      Thread.sleep(1000);
    }
    boolean converged = awaitConverged(() -> {});
    meter.end(phase, crashed + " tasks crashed and replaced" + (converged ? "" : "; DID NOT CONVERGE: " + progress()));
    return converged;
  }

  /** (d): {@code --lose} hosts gone at once; until the server declares them LOST and their tasks serve elsewhere. */
  private boolean lose() throws Exception {
    Phase phase = meter.begin("d-lose");
    long killed = System.nanoTime();
    Set<String> lost = new HashSet<>(fleet.kill(options.lose()));
    long declared = 0;
    while (System.nanoTime() - killed < options.timeout().toNanos()) {
      List<InstanceRecord> instances = admin.get("/v1/instances", Phase.type(INSTANCES));
      Set<String> nowLost = instances.stream()
          .filter(i -> i.status() == InstanceRecord.InstanceStatus.LOST).map(InstanceRecord::instanceId)
          .collect(Collectors.toSet());
      if (nowLost.containsAll(lost)) {
        declared = System.nanoTime();
        break;
      }
      Thread.sleep(250);
    }
    boolean converged = declared > 0 && awaitConverged(() -> {});
    double declaredAfter = (declared - killed) / 1e9;
    double replacedAfter = (System.nanoTime() - declared) / 1e9;
    meter.end(phase, lost.size() + " hosts killed; LOST after " + Phase.seconds(declaredAfter) + " s; every task serving "
        + Phase.seconds(replacedAfter) + " s after that" + (converged ? "" : "; DID NOT CONVERGE: " + progress()));
    return converged;
  }

  /** Empty when the server's and the hosts' tasks agree one to one; else what differs. */
  private String lostOrDuplicated() {
    Set<String> duplicates = fleet.duplicates();
    Set<String> onHosts = fleet.aliveIds();
    List<TaskRecord> tasks = admin.get("/v1/tasks", Phase.type(TASKS));
    Set<String> onServer = tasks.stream()
        .filter(t -> t.lastStatus() == TaskStatus.RUNNING && t.runsForAgent()).map(TaskRecord::taskId)
        .collect(Collectors.toSet());
    List<String> problems = new ArrayList<>();
    if (!duplicates.isEmpty()) {
      problems.add(duplicates.size() + " tasks alive on two hosts");
    }
    Set<String> unknown = new HashSet<>(onHosts);
    unknown.removeAll(onServer);
    Set<String> missing = new HashSet<>(onServer);
    missing.removeAll(onHosts);
    if (!unknown.isEmpty()) {
      problems.add(unknown.size() + " tasks run on hosts that the server does not count running");
    }
    if (!missing.isEmpty()) {
      problems.add(missing.size() + " tasks the server counts running are on no host");
    }
    if (onHosts.size() != options.tasks()) {
      problems.add(onHosts.size() + " tasks alive on hosts, " + options.tasks() + " declared");
    }
    return String.join("; ", problems);
  }

  private static String sinceApplied(long appliedNanos) {
    return "converged " + Phase.seconds((System.nanoTime() - appliedNanos) / 1e9) + " s after the apply";
  }

  private int servingOn(int target) {
    return fleet.serving().values().stream().mapToInt(v -> v.getOrDefault(target, 0)).sum();
  }

  private String progress() {
    return servingOn(version) + " of " + options.tasks() + " serving on version " + version + ", " + fleet.alive()
        + " alive";
  }

  /**
   * Waits until the hosts run exactly the declared tasks of the current version and the server says
   * every service is settled with its desired count running; {@code during} runs every 250 ms.
   */
  private boolean awaitConverged(Runnable during) throws InterruptedException {
    long deadline = System.nanoTime() + options.timeout().toNanos();
    long lastAsked = 0;
    while (System.nanoTime() < deadline) {
      during.run();
      if (fleet.converged(desired, version) && System.nanoTime() - lastAsked > 1_000_000_000L) {
        lastAsked = System.nanoTime();
        try {
          List<ServiceView> services = admin.get("/v1/services", Phase.type(SERVICES));
          if (services.size() == desired.size()
              && services.stream().allMatch(s -> s.settled() && s.runningCount() == s.desiredCount())) {
            return true;
          }
        } catch (RuntimeException e) {
          // the server is restarting: ask again
        }
      }
      Thread.sleep(250);
    }
    return false;
  }

  /** {@code berth apply --desired v<version> --auto-approve} in a JVM of its own; its wall and CPU time. */
  private String apply(int v) throws IOException, InterruptedException {
    Path dir = ScaleStack.write(work.resolve("v" + v), options.services(), options.tasks(), v);
    double cpuBefore = ProcStat.childrenCpuSeconds(ProcessHandle.current().pid());
    long started = System.nanoTime();
    launch("apply", "--desired", dir.toString(), "--auto-approve", "--state", work.resolve("state").toString());
    double wall = (System.nanoTime() - started) / 1e9;
    double cpu = ProcStat.childrenCpuSeconds(ProcessHandle.current().pid()) - cpuBefore;
    return "apply v" + v + " " + Phase.seconds(wall) + " s wall, " + Phase.seconds(cpu) + " CPU-s";
  }

  /** Runs {@code berth <args>} to its end; its output goes to {@code <command>.log} in the work directory. */
  private void launch(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(options.launcher().toString()));
    command.addAll(List.of(args));
    Path log = work.resolve(args[0] + "-" + System.nanoTime() + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("berth " + args[0] + " failed: " + Files.readString(log));
    }
  }

  private static boolean check(boolean condition, String what) {
    if (!condition) {
      System.out.println("FAILED: " + what);
    }
    return condition;
  }
}
