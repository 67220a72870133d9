package io.berth.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.berth.engine.agent.Agent;
import io.berth.engine.agent.AgentConfig;
import io.berth.engine.agent.AgentDns;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.server.ControlPlane;
import io.berth.engine.server.ApiSecurity;
import io.berth.engine.server.ControlPlaneConfig;
import io.berth.engine.server.DesiredApplier;
import io.berth.engine.server.ReconcileSettings;
import io.berth.engine.state.StateRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import io.berth.engine.clock.ProcessClocks;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole Berth cluster in one process ({@code berth up}): a control plane and N agents, each a
 * simulated host with its own zone attribute, resources and loopback address ({@link SimulatedHosts}:
 * 127.0.0.2, 127.0.0.3, ...), all on the local Docker engine.
 * Everything the agents create carries the label {@code berth.up=<cluster id>} so that
 * {@link #close} (and {@code berth down}) removes exactly this cluster's containers.
 */
public final class LocalCluster implements AutoCloseable {
  /** Label on every Docker object of one local cluster. */
  public static final String UP_LABEL = "berth.up";

  private final Options options;
  private volatile ControlPlane plane;
  private final ControlPlaneConfig planeConfig;
  private final DockerClient docker;
  private final List<Agent> agents;
  private final List<AgentDns> dns = new ArrayList<>();
  private final UpFile upFile;
  private final Optional<DesiredApplier> applier;
  /** The control plane's and the agents' clock: steady across steps of the machine's clock. */
  private final Clock clock = ProcessClocks.forProcess();
  /** Held from before the control plane starts until {@link #close}; the OS drops it if the process dies. */
  private volatile UpLock lock;

  /**
   * How to start a local cluster.
   *
   * @param workDirectory where {@code .berth/} lives (state, agent data, up.json)
   * @param state the state repository (created when missing)
   * @param port API port, 0 for any free one
   * @param zones zone of each agent, cycled when there are more agents than zones
   * @param cpu cpu units per simulated host
   * @param memory MiB per simulated host
   * @param taskCleanupWait how long the agents keep a stopped task's containers before removing them
   * @param lbListen the address load balancer listeners bind
   * @param cluster the cluster the agents belong to ({@code berth up --cluster}); {@code *} joins them to every
   *     cluster, which only tests of a single-stack state use
   * @param dns absent: no DNS; present: each simulated host serves service discovery's DNS on the gateway
   *     of a Docker network of its own, which it advertises, forwarding other names to these resolvers
   *     (none: refused)
   */
  public record Options(Path workDirectory, Path state, int port, int agents, List<String> zones, int cpu, int memory,
      Duration healthyAfter, Duration syncInterval, Map<String, String> secrets, Duration taskCleanupWait,
      String lbListen, String cluster, Optional<List<InetSocketAddress>> dns) {

    /** Options of agents of one cluster, without service discovery's DNS. */
    public Options(Path workDirectory, Path state, int port, int agents, List<String> zones, int cpu, int memory,
        Duration healthyAfter, Duration syncInterval, Map<String, String> secrets, Duration taskCleanupWait,
        String lbListen, String cluster) {
      this(workDirectory, state, port, agents, zones, cpu, memory, healthyAfter, syncInterval, secrets, taskCleanupWait,
          lbListen, cluster, Optional.empty());
    }

    /** Options whose agents join every cluster ({@code *}), with service discovery's DNS as given. */
    public Options(Path workDirectory, Path state, int port, int agents, List<String> zones, int cpu, int memory,
        Duration healthyAfter, Duration syncInterval, Map<String, String> secrets, Duration taskCleanupWait,
        String lbListen, Optional<List<InetSocketAddress>> dns) {
      this(workDirectory, state, port, agents, zones, cpu, memory, healthyAfter, syncInterval, secrets, taskCleanupWait,
          lbListen, ANY_CLUSTER, dns);
    }

    /** Options whose agents join every cluster ({@code *}), without DNS. */
    public Options(Path workDirectory, Path state, int port, int agents, List<String> zones, int cpu, int memory,
        Duration healthyAfter, Duration syncInterval, Map<String, String> secrets, Duration taskCleanupWait,
        String lbListen) {
      this(workDirectory, state, port, agents, zones, cpu, memory, healthyAfter, syncInterval, secrets, taskCleanupWait,
          lbListen, ANY_CLUSTER, Optional.empty());
    }

    /** Options whose load balancers listen on loopback. */
    public Options(Path workDirectory, Path state, int port, int agents, List<String> zones, int cpu, int memory,
        Duration healthyAfter, Duration syncInterval, Map<String, String> secrets, Duration taskCleanupWait) {
      this(workDirectory, state, port, agents, zones, cpu, memory, healthyAfter, syncInterval, secrets, taskCleanupWait,
          ControlPlaneConfig.DEFAULT_LB_LISTEN);
    }

    /** Options whose agents remove a stopped task's containers at once. */
    public Options(Path workDirectory, Path state, int port, int agents, List<String> zones, int cpu, int memory,
        Duration healthyAfter, Duration syncInterval, Map<String, String> secrets) {
      this(workDirectory, state, port, agents, zones, cpu, memory, healthyAfter, syncInterval, secrets, Duration.ZERO);
    }

    /** Checks the counts. */
    public Options {
      if (agents < 1) {
        throw new IllegalArgumentException("--agents must be at least 1, got " + agents);
      }
      if (zones.isEmpty()) {
        throw new IllegalArgumentException("--zones needs at least one zone, e.g. zone-a,zone-b,zone-c");
      }
      zones = List.copyOf(zones);
      secrets = Map.copyOf(secrets);
      dns = dns == null ? Optional.empty() : dns.map(List::copyOf);
    }
  }

  private LocalCluster(Options options, Optional<DesiredApplier> applier) throws InterruptedException {
    this.options = options;
    this.applier = applier;
    ensureStateRepository(options.state());
    SimulatedHosts.checkAddresses(options.agents());
    String joinToken = token();
    String adminToken = token();
    String clusterId = "up-" + token().substring(0, 12);
    ControlPlaneConfig config = new ControlPlaneConfig(options.state(),
        new InetSocketAddress("127.0.0.1", options.port()), joinToken, adminToken, options.secrets(),
        options.syncInterval(), Duration.ofMillis(100), reconcileSettings(options), options.lbListen())
        // plain HTTP on loopback; the instance key kept, so agents restarted on their data dirs keep their credentials
        .securedBy(ApiSecurity.plain().keptIn(options.workDirectory().resolve(".berth/control-plane")));
    this.plane = startPlane(config);
    // Restarts reuse the port the first start got, so the agents' URL stays valid.
    this.planeConfig = config.listeningOn(new InetSocketAddress("127.0.0.1", plane.uri().getPort()));
    this.docker = DockerEngine.connect();
    this.agents = new ArrayList<>();
    List<String> instanceIds = new ArrayList<>();
    for (int i = 0; i < options.agents(); i++) {
      String zone = options.zones().get(i % options.zones().size());
      Path dataDir = options.workDirectory().resolve(".berth/agents/agent-" + i);
      // With DNS, a host advertises the gateway of its own Docker network, which containers reach too
      // (127.0.0.x is each container's own loopback), and serves DNS there (architecture.md).
      String network = AgentDns.defaultNetwork(dataDir);
      String address = options.dns().isPresent() ? AgentDns.gateway(docker, network, Map.of(UP_LABEL, clusterId))
          : SimulatedHosts.address(i);
      AgentConfig agentConfig = AgentConfig.of(plane.uri(), joinToken, dataDir)
          .withAdvertise(address)
          .withCluster(options.cluster()).withZone(zone).withCpu(options.cpu()).withMemory(options.memory())
          .withSyncInterval(options.syncInterval()).withPollInterval(Duration.ofSeconds(1)).withHostname("berth-up-" + i).withLabel(UP_LABEL, clusterId)
          .withTaskCleanupWait(options.taskCleanupWait());
      Agent agent = new Agent(agentConfig, docker, clock);
      if (options.dns().isPresent()) {
        serveDns(agentConfig, address, network);
        agent.useResolvers(List.of(address));
      }
      agent.start();
      agents.add(agent);
    }
    for (Agent agent : agents) {
      if (!agent.awaitRegistered(Duration.ofSeconds(20))) {
        close();
        throw new IllegalStateException("agent in zone " + agent.config().zone() + " did not register with "
            + plane.uri() + ": " + agent.lastError().orElse("no answer") + "; check that Docker answers (scripts/docker-up)");
      }
      instanceIds.add(agent.instanceId().orElseThrow());
    }
    this.upFile = new UpFile(plane.uri().toString(), joinToken, adminToken, ProcessHandle.current().pid(),
        options.state().toString(), instanceIds, clusterId);
    upFile.write(options.workDirectory());
  }

  /**
   * Takes the work directory's {@link UpLock}, starts the control plane and the agents and writes
   * {@code .berth/up.json}; refused while another local cluster runs in that directory.
   */
  public static LocalCluster start(Options options) throws InterruptedException {
    return start(options, Optional.empty());
  }

  /**
   * As {@link #start(Options)}, with a control plane that also runs {@code berth apply --desired}
   * for the CLI ({@code POST /v1/apply}) with {@code applier}, in this warm JVM.
   */
  public static LocalCluster start(Options options, DesiredApplier applier) throws InterruptedException {
    return start(options, Optional.of(applier));
  }

  private static LocalCluster start(Options options, Optional<DesiredApplier> applier) throws InterruptedException {
    UpLock lock = UpLock.acquire(options.workDirectory()).orElseThrow(() -> new IllegalStateException(
        "a local cluster already runs in " + options.workDirectory().toAbsolutePath() + " (it holds "
            + UpLock.path(options.workDirectory()) + "); stop it with berth down first"));
    try {
      LocalCluster cluster = new LocalCluster(options, applier);
      cluster.lock = lock;
      return cluster;
    } catch (RuntimeException | InterruptedException e) {
      lock.close();
      throw e;
    }
  }

  private ControlPlane startPlane(ControlPlaneConfig config) {
    if (applier.isEmpty()) {
      return ControlPlane.start(config, clock);
    }
    return ControlPlane.start(config, clock, applier.get());
  }

  private static ReconcileSettings reconcileSettings(Options options) {
    return new ReconcileSettings(Duration.ofSeconds(10), options.healthyAfter(), Duration.ofMinutes(15));
  }

  /** The control plane's base URI. */
  public URI uri() {
    return plane.uri();
  }

  /** What was written to {@code .berth/up.json}. */
  public UpFile upFile() {
    return upFile;
  }

  /** The control plane (for tests). */
  public ControlPlane controlPlane() {
    return plane;
  }

  /** The agents (for tests: kill and restart one). */
  public List<Agent> agents() {
    return List.copyOf(agents);
  }

  /**
   * Stops the control plane as a crash would (no goodbye to the agents) and starts a new one on the
   * same port and state repository: what "kill the server mid-deployment" means in tests.
   */
  public void restartControlPlane() {
    plane.close();
    plane = startPlane(planeConfig);
  }

  /**
   * Stops agent {@code index} as a crash would (its containers keep running) and starts a new agent
   * on the same data dir, which re-adopts them. Returns the new agent.
   */
  public Agent restartAgent(int index) {
    Agent old = agents.get(index);
    old.stop();
    Agent fresh = new Agent(old.config(), docker, clock);
    if (options.dns().isPresent()) {
      fresh.useResolvers(List.of(old.config().advertise().orElseThrow()));
    }
    fresh.start();
    agents.set(index, fresh);
    return fresh;
  }

  private void serveDns(AgentConfig config, String address, String network) {
    try {
      dns.add(AgentDns.start(config, docker, address, new AgentDns.Settings(53, network, options.dns().orElseThrow())));
    } catch (IOException e) {
      close();
      throw new IllegalStateException(e.getMessage() + "; port 53 needs root (or CAP_NET_BIND_SERVICE), or leave"
          + " out --dns", e);
    }
  }

  /** Blocks until {@code berth down} (POST /v1/shutdown) asks this cluster to stop. */
  public void awaitShutdown() throws InterruptedException {
    plane.awaitShutdown();
  }

  /** Stops the agents and every task they run, removes the cluster's containers, stops the control plane. */
  @Override
  public void close() {
    // First: the agents stop syncing while they stop their tasks, which must not read as lost hosts.
    plane.stopReconciling();
    List<Thread> stopping = new ArrayList<>();
    for (Agent agent : agents) {
      Thread thread = new Thread(() -> {
        try {
          agent.stopAndRemoveTasks(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "berth-down-" + agent.config().zone());
      thread.start();
      stopping.add(thread);
    }
    for (Thread thread : stopping) {
      try {
        thread.join(70_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    dns.forEach(AgentDns::close);
    plane.close();
    if (upFile != null) {
      removeContainers(docker, upFile.clusterId());
      try {
        Files.deleteIfExists(UpFile.path(options.workDirectory()));
      } catch (IOException e) {
        // A stale up.json is harmless: berth down and berth up both cope with it.
      }
    }
    try {
      docker.close();
    } catch (IOException e) {
      // Closing the client is best effort.
    }
    if (lock != null) {
      lock.close(); // last: up.json is gone, a new berth up may start here
    }
  }

  /** Force-removes every container labelled with this cluster id; returns how many. */
  public static int removeContainers(DockerClient docker, String clusterId) {
    List<Container> containers = docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(UP_LABEL, clusterId)).exec();
    for (Container container : containers) {
      try {
        docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
      } catch (RuntimeException e) {
        // Already gone (the agent removed it first): nothing to do.
      }
    }
    return containers.size();
  }

  private static void ensureStateRepository(Path state) {
    if (Files.isDirectory(state) && Files.exists(state.resolve("HEAD"))) {
      return;
    }
    try {
      Files.createDirectories(state.getParent() == null ? Path.of(".") : state.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + state.getParent(), e);
    }
    StateRepository.init(state).close();
  }

  private static String token() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Agents of a local cluster serve every cluster a stack declares. */
  static final String ANY_CLUSTER = "*";

  static Optional<UpFile> existing(Path workDirectory) {
    return UpFile.read(workDirectory);
  }
}
