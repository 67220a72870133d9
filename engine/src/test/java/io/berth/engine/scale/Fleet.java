package io.berth.engine.scale;

import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.ClientTls;
import io.berth.engine.api.JoinToken;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.SyncRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The simulated hosts of one harness JVM and what they run: counts of serving tasks per service and
 * image version, duplicates, failures injected and hosts killed. A probe instance (no capacity, in
 * a cluster of its own) sends an immediate sync every 200 ms to time the control plane's answer.
 */
final class Fleet implements AutoCloseable {
  private final List<SimulatedHost> hosts = new ArrayList<>();
  private final ScheduledExecutorService executor;
  private final SyncStats stats = new SyncStats();
  private final SyncStats probeStats = new SyncStats();
  private final ControlPlaneClient probeClient;
  private volatile boolean probing;
  private Thread probe;

  /**
   * {@code count} hosts of {@code cpu} units and {@code memory} MiB in three zones, registering in
   * {@code cluster} of the control plane at {@code server}; each host has its own client, as each
   * agent has.
   */
  Fleet(URI server, String joinToken, String cluster, int count, int cpu, int memory, FakeRuntime.Timings timings) {
    this(server, joinToken, cluster, count, cpu, memory, timings, SimulatedHost.SYNC_WAIT);
  }

  /** As above, the hosts' blocking syncs asking to wait {@code syncWait}. */
  Fleet(URI server, String joinToken, String cluster, int count, int cpu, int memory, FakeRuntime.Timings timings,
      Duration syncWait) {
    this.executor = Executors.newScheduledThreadPool(2, r -> {
      Thread thread = new Thread(r, "scale-hosts");
      thread.setDaemon(true);
      return thread;
    });
    for (int i = 0; i < count; i++) {
      hosts.add(new SimulatedHost(client(server, joinToken), cluster, "host-" + i,
          // loopback addresses: recorded, never connected to (the fake runtime has no ports)
          "zone-" + (char) ('a' + i % 3), "127.1." + (i / 250) + "." + (i % 250 + 1), cpu, memory, timings, executor,
          stats, syncWait));
    }
    this.probeClient = client(server, joinToken);
  }

  /** A host's own client, trusting the CA whose fingerprint the join token carries (on HTTPS), as an agent does. */
  private static ControlPlaneClient client(URI server, String joinToken) {
    return new ControlPlaneClient(server, joinToken, ClientTls.forServer(server, Optional.empty(),
        JoinToken.caFingerprint(joinToken)));
  }

  /** Starts every host (registering and syncing) and the probe. */
  void start() {
    hosts.forEach(SimulatedHost::start);
    String probeId = probeClient.register(new RegisterInstanceRequest("scale-probe", Optional.empty(), "probe", 0, 0,
        Map.of(), "scale-harness", "127.0.0.1")).instanceId();
    probing = true;
    probe = new Thread(() -> {
      while (probing) {
        long started = System.nanoTime();
        try {
          probeClient.sync(probeId, new SyncRequest(List.of()));
          probeStats.latency(System.nanoTime() - started);
        } catch (RuntimeException e) {
          probeStats.failed(e);
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "scale-probe");
    probe.setDaemon(true);
    probe.start();
  }

  /** Waits until every live host has its instance id; false after {@code timeout}. */
  boolean awaitRegistered(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (hosts.stream().allMatch(h -> h.instanceId() != null)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  SyncStats stats() {
    return stats;
  }

  SyncStats probeStats() {
    return probeStats;
  }

  List<SimulatedHost> hosts() {
    return hosts;
  }

  /** Per service: how many of its tasks are RUNNING and healthy on some host, by image version. */
  Map<String, Map<Integer, Integer>> serving() {
    Map<String, Map<Integer, Integer>> serving = new TreeMap<>();
    for (SimulatedHost host : hosts) {
      host.runtime().forEachServing((id, task) -> serving.computeIfAbsent(service(task), s -> new TreeMap<>())
          .merge(version(task), 1, Integer::sum));
    }
    return serving;
  }

  /** How many tasks are alive (starting, running or stopping) on all hosts. */
  int alive() {
    return hosts.stream().mapToInt(h -> h.runtime().aliveTaskIds().size()).sum();
  }

  /** Task ids alive on more than one host. */
  Set<String> duplicates() {
    Set<String> seen = new HashSet<>();
    Set<String> twice = new HashSet<>();
    for (SimulatedHost host : hosts) {
      for (String id : host.runtime().aliveTaskIds()) {
        if (!seen.add(id)) {
          twice.add(id);
        }
      }
    }
    return twice;
  }

  /** Ids of every task alive on the hosts. */
  Set<String> aliveIds() {
    Set<String> ids = new HashSet<>();
    hosts.forEach(h -> ids.addAll(h.runtime().aliveTaskIds()));
    return ids;
  }

  /**
   * Whether every service of {@code desired} has exactly its count serving on {@code version} and
   * nothing else is alive: the rollout is done as the hosts see it.
   */
  boolean converged(Map<String, Integer> desired, int version) {
    Map<String, Map<Integer, Integer>> serving = serving();
    int total = 0;
    for (var each : desired.entrySet()) {
      Map<Integer, Integer> versions = serving.getOrDefault(each.getKey(), Map.of());
      if (versions.getOrDefault(version, 0) != each.getValue().intValue() || versions.size() > 1) {
        return false;
      }
      total += each.getValue();
    }
    return alive() == total;
  }

  /** Crashes {@code count} serving tasks chosen by {@code random}; how many crashed. */
  int failRandom(int count, Random random) {
    List<String[]> candidates = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      int host = i;
      hosts.get(i).runtime().forEachServing((id, task) -> candidates.add(new String[] {String.valueOf(host), id}));
    }
    int failed = 0;
    for (int n = 0; n < count && !candidates.isEmpty(); n++) {
      String[] pick = candidates.remove(random.nextInt(candidates.size()));
      if (hosts.get(Integer.parseInt(pick[0])).runtime().fail(pick[1])) {
        failed++;
      }
    }
    return failed;
  }

  /** Kills the last {@code count} hosts at once; their instance ids. */
  List<String> kill(int count) {
    List<String> ids = new ArrayList<>();
    for (SimulatedHost host : hosts.subList(hosts.size() - count, hosts.size())) {
      if (host.instanceId() != null) {
        ids.add(host.instanceId());
      }
      host.kill();
    }
    return ids;
  }

  /** Tasks serving per service on hosts, with every version: for the minimum-healthy check. */
  Map<String, Integer> servingPerService() {
    Map<String, Integer> counts = new HashMap<>();
    serving().forEach((service, versions) -> counts.put(service,
        versions.values().stream().mapToInt(Integer::intValue).sum()));
    return counts;
  }

  static String service(AssignedTask task) {
    return task.group().startsWith("service:") ? task.group().substring("service:".length()) : task.group();
  }

  static int version(AssignedTask task) {
    String image = task.taskDefinition().containerDefinitions().get(0).image().orElse(":0");
    return Integer.parseInt(image.substring(image.lastIndexOf(':') + 1));
  }

  @Override
  public void close() {
    probing = false;
    if (probe != null) {
      probe.interrupt();
    }
    hosts.forEach(SimulatedHost::kill);
    executor.shutdownNow();
  }
}
