package io.berth.engine.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * How one host agent runs. Built with {@link #of} and the {@code with...} methods:
 *
 * <pre>{@code
 * AgentConfig config = AgentConfig.of(URI.create("http://127.0.0.1:7070"), joinToken, Path.of(".berth/agent-a"))
 *     .withZone("zone-a").withCpu(2048).withMemory(4096);
 * }</pre>
 *
 * @param server the control plane's base URL
 * @param token the cluster's join token (the agent's own instance credential replaces it once registered)
 * @param cluster the cluster to join
 * @param zone value of the {@code ecs.availability-zone} attribute
 * @param attributes more attributes (they win over the built-in ones)
 * @param cpu cpu units offered; absent: cores * 1024
 * @param memory memory offered in MiB; absent: the host's physical memory
 * @param dataDir where the agent keeps its instance id and the definitions of its tasks
 * @param syncInterval overrides the interval the server asks for (tests)
 * @param pollInterval how often a starting task's containers are inspected (running tasks: every 15 s);
 *     a safety net, since a Docker event about a task's container makes its task look at once
 * @param hostname the host name reported at registration
 * @param extraLabels more labels on every Docker object the agent creates (tests use one to clean up)
 * @param taskCleanupWait how long a stopped task's containers stay on Docker before the agent removes
 *     them (ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION): {@code docker logs} keeps working meanwhile, and
 *     removals do not compete with a rollout's starts in dockerd; zero removes at once
 * @param advertise the address other hosts and the load balancers reach this host's tasks at, where
 *     bridge ports are published; absent: the local address of this host's route to the control plane
 * @param ca the PEM CA certificate an HTTPS control plane's chain must lead to; absent: the CA whose
 *     fingerprint the join token carries
 */
public record AgentConfig(
    URI server,
    String token,
    String cluster,
    String zone,
    Map<String, String> attributes,
    OptionalInt cpu,
    OptionalInt memory,
    Path dataDir,
    Optional<Duration> syncInterval,
    Duration pollInterval,
    String hostname,
    Map<String, String> extraLabels,
    Duration taskCleanupWait,
    Optional<String> advertise,
    Optional<Path> ca) {
  /**
   * The longest an agent waits before trying again after failed syncs (doubling from the sync
   * interval): a control plane's {@code --lost-after} must be longer, or agents backing off through
   * its restart are declared lost.
   */
  public static final Duration MAX_SYNC_BACKOFF = Duration.ofSeconds(5);


  /** Checks required members and copies the maps (sorted, for stable registration bytes). */
  public AgentConfig {
    Objects.requireNonNull(server, "server == null");
    Objects.requireNonNull(token, "token == null");
    Objects.requireNonNull(cluster, "cluster == null");
    Objects.requireNonNull(zone, "zone == null");
    Objects.requireNonNull(dataDir, "dataDir == null");
    Objects.requireNonNull(pollInterval, "pollInterval == null");
    Objects.requireNonNull(hostname, "hostname == null");
    Objects.requireNonNull(taskCleanupWait, "taskCleanupWait == null");
    if (taskCleanupWait.isNegative()) {
      throw new IllegalArgumentException("taskCleanupWait (--task-cleanup-wait) must be zero or more, got " + taskCleanupWait);
    }
    attributes = Map.copyOf(new TreeMap<>(attributes));
    extraLabels = Map.copyOf(extraLabels);
    Objects.requireNonNull(advertise, "advertise == null");
    Objects.requireNonNull(ca, "ca == null");
    advertise.ifPresent(AgentConfig::ipLiteral);
    cpu.ifPresent(units -> positive(units, "cpu"));
    memory.ifPresent(mib -> positive(mib, "memory"));
  }

  /** Docker publishes ports on an address, never on a name: the advertised address is an IP literal. */
  private static void ipLiteral(String address) {
    boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}")
        && java.util.Arrays.stream(address.split("\\.")).allMatch(part -> Integer.parseInt(part) <= 255);
    boolean v6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      throw new IllegalArgumentException("--advertise '" + address + "' is not an IP address; give one of this host's"
          + " addresses, e.g. 10.0.0.5 or 127.0.0.2");
    }
  }

  private static void positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  /**
   * An agent of cluster "default", zone "local", detected resources, 1 s container polls, stopped
   * tasks' containers removed at once.
   */
  public static AgentConfig of(URI server, String token, Path dataDir) {
    return new AgentConfig(server, token, "default", "local", Map.of(), OptionalInt.empty(), OptionalInt.empty(),
        dataDir, Optional.empty(), Duration.ofSeconds(1), HostFacts.hostname(), Map.of(), Duration.ZERO,
        Optional.empty(), Optional.empty());
  }

  /** With another cluster. */
  public AgentConfig withCluster(String value) {
    return new AgentConfig(server, token, value, zone, attributes, cpu, memory, dataDir, syncInterval,
        pollInterval, hostname, extraLabels, taskCleanupWait, advertise, ca);
  }

  /** With another availability zone. */
  public AgentConfig withZone(String value) {
    return new AgentConfig(server, token, cluster, value, attributes, cpu, memory, dataDir, syncInterval,
        pollInterval, hostname, extraLabels, taskCleanupWait, advertise, ca);
  }

  /** With one more attribute. */
  public AgentConfig withAttribute(String name, String value) {
    Map<String, String> more = new TreeMap<>(attributes);
    more.put(name, value);
    return new AgentConfig(server, token, cluster, zone, more, cpu, memory, dataDir, syncInterval, pollInterval,
        hostname, extraLabels, taskCleanupWait, advertise, ca);
  }

  /** Offering {@code units} cpu units. */
  public AgentConfig withCpu(int units) {
    return new AgentConfig(server, token, cluster, zone, attributes, OptionalInt.of(units), memory, dataDir,
        syncInterval, pollInterval, hostname, extraLabels, taskCleanupWait, advertise, ca);
  }

  /** Offering {@code mib} MiB of memory. */
  public AgentConfig withMemory(int mib) {
    return new AgentConfig(server, token, cluster, zone, attributes, cpu, OptionalInt.of(mib), dataDir,
        syncInterval, pollInterval, hostname, extraLabels, taskCleanupWait, advertise, ca);
  }

  /** Syncing every {@code interval} whatever the server asks. */
  public AgentConfig withSyncInterval(Duration interval) {
    return new AgentConfig(server, token, cluster, zone, attributes, cpu, memory, dataDir, Optional.of(interval),
        pollInterval, hostname, extraLabels, taskCleanupWait, advertise, ca);
  }

  /** Inspecting containers every {@code interval}. */
  public AgentConfig withPollInterval(Duration interval) {
    return new AgentConfig(server, token, cluster, zone, attributes, cpu, memory, dataDir, syncInterval, interval,
        hostname, extraLabels, taskCleanupWait, advertise, ca);
  }

  /** Reporting {@code name} as the host name. */
  public AgentConfig withHostname(String name) {
    return new AgentConfig(server, token, cluster, zone, attributes, cpu, memory, dataDir, syncInterval,
        pollInterval, name, extraLabels, taskCleanupWait, advertise, ca);
  }

  /** Removing a stopped task's containers only {@code wait} after it stopped (zero: at once). */
  public AgentConfig withTaskCleanupWait(Duration wait) {
    return new AgentConfig(server, token, cluster, zone, attributes, cpu, memory, dataDir, syncInterval,
        pollInterval, hostname, extraLabels, wait, advertise, ca);
  }

  /** Advertising {@code address} (an IP literal): tasks' ports are published there. */
  public AgentConfig withAdvertise(String address) {
    return new AgentConfig(server, token, cluster, zone, attributes, cpu, memory, dataDir, syncInterval,
        pollInterval, hostname, extraLabels, taskCleanupWait, Optional.of(address), ca);
  }

  /** With one more label on every Docker object the agent creates. */
  public AgentConfig withLabel(String name, String value) {
    Map<String, String> more = new TreeMap<>(extraLabels);
    more.put(name, value);
    return new AgentConfig(server, token, cluster, zone, attributes, cpu, memory, dataDir, syncInterval,
        pollInterval, hostname, more, taskCleanupWait, advertise, ca);
  }

  /** Trusting the CA certificate in {@code file} for an HTTPS control plane. */
  public AgentConfig withCa(Path file) {
    return new AgentConfig(server, token, cluster, zone, attributes, cpu, memory, dataDir, syncInterval,
        pollInterval, hostname, extraLabels, taskCleanupWait, advertise, Optional.of(file));
  }

  /** Hides the join token, so a log line never carries it. */
  @Override
  public String toString() {
    return "AgentConfig[" + server + ", cluster " + cluster + ", zone " + zone + ", data dir " + dataDir + "]";
  }
}
