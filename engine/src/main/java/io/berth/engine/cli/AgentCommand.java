package io.berth.engine.cli;

import io.berth.engine.agent.Agent;
import io.berth.engine.agent.AgentConfig;
import io.berth.engine.agent.AgentDns;
import io.berth.engine.agent.HostFacts;
import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import io.berth.engine.docker.DockerEngine;
import java.lang.System.Logger.Level;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import io.berth.engine.clock.ProcessClocks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth agent}: runs a host agent in the foreground until interrupted. Stopping the agent
 * leaves its tasks running; started again with the same data dir, it adopts them.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = "Run a host agent: register this host with the control plane and run its tasks on Docker.")
public final class AgentCommand implements Callable<Integer> {
  private static final System.Logger LOG = System.getLogger(AgentCommand.class.getName());

  @Option(names = "--server", required = true, description = "Control plane URL, e.g. https://10.0.0.2:7070.")
  URI server;

  @Option(names = "--token-file", paramLabel = "FILE", description = "The file holding the cluster's join token"
      + " (default: BERTH_JOIN_TOKEN; not needed once the data dir holds this instance's credential).")
  Path tokenFile;

  @Option(names = "--ca", paramLabel = "FILE", description = "The cluster CA's PEM certificate (ca.pem of berth"
      + " server's data dir); default: the CA whose fingerprint the join token carries.")
  Path ca;

  @Option(names = "--cluster", defaultValue = "default", description = "Cluster to join (default: ${DEFAULT-VALUE}).")
  String cluster;

  @Option(names = "--zone", defaultValue = "local",
      description = "Availability zone attribute ecs.availability-zone (default: ${DEFAULT-VALUE}).")
  String zone;

  @Option(names = "--attribute", description = "Extra attribute NAME=VALUE for placement constraints (repeatable).")
  Map<String, String> attributes = new LinkedHashMap<>();

  @Option(names = "--cpu", description = "Cpu units to offer (default: cores * 1024).")
  Integer cpu;

  @Option(names = "--memory", description = "Memory to offer in MiB (default: the host's memory).")
  Integer memory;

  @Option(names = "--advertise", paramLabel = "ADDR",
      description = "Address of this host that tasks' ports are published on and load balancers reach them at"
          + " (default: the local address of this host's route to --server).")
  String advertise;

  @Option(names = "--data-dir", defaultValue = ".berth/agent",
      description = "Where the agent keeps its instance id and task definitions (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--task-cleanup-wait", defaultValue = "3h", converter = DurationConverter.class,
      description = "How long a stopped task's containers stay before the agent removes them; 0s removes them at once"
          + " (default: ${DEFAULT-VALUE}, as ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION).")
  Duration taskCleanupWait;

  @Option(names = "--dns", description = "Serve service discovery DNS on the advertised address and on the gateway"
      + " of this agent's Docker network, and give that gateway to its tasks' containers as their resolver.")
  boolean dns;

  @Option(names = "--dns-port", defaultValue = "53", description = "The DNS port (default: ${DEFAULT-VALUE}; Docker's"
      + " --dns always asks port 53, so containers resolve only on 53).")
  int dnsPort;

  @Option(names = "--dns-network", paramLabel = "NAME", description = "The Docker network whose gateway serves this"
      + " agent's containers, created when absent (default: berth-dns-<digest of --data-dir>, one per agent).")
  String dnsNetwork;

  @Option(names = "--dns-upstream", paramLabel = "ADDR", split = ",", description = "Where names outside Berth's"
      + " namespaces are forwarded (port 53), or none to refuse them (default: the nameservers of /etc/resolv.conf).")
  List<String> dnsUpstream;

  /** The agent configuration these options describe. */
  AgentConfig config() {
    AgentConfig config = AgentConfig.of(server, joinToken(), dataDir).withCluster(cluster).withZone(zone)
        .withTaskCleanupWait(taskCleanupWait);
    if (ca != null) {
      config = config.withCa(ca);
    }
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      config = config.withAttribute(attribute.getKey(), attribute.getValue());
    }
    if (cpu != null) {
      config = config.withCpu(cpu);
    }
    if (memory != null) {
      config = config.withMemory(memory);
    }
    if (advertise != null) {
      config = config.withAdvertise(advertise);
    }
    return config;
  }

  /** The join token from --token-file or BERTH_JOIN_TOKEN; blank when the data dir holds a credential already. */
  private String joinToken() {
    try {
      if (tokenFile != null) {
        if (!Files.isRegularFile(tokenFile)) {
          throw new IllegalArgumentException("--token-file " + tokenFile + " does not exist; give the file holding the"
              + " cluster's join token (join-token in berth server's data dir)");
        }
        return Files.readAllLines(tokenFile).stream().findFirst().map(String::strip).orElse("");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --token-file " + tokenFile + ": " + e.getMessage(), e);
    }
    String env = System.getenv("BERTH_JOIN_TOKEN");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    if (Files.isRegularFile(dataDir.resolve("instance-token"))) {
      return "";
    }
    throw new IllegalArgumentException("no join token: give --token-file FILE (the join-token file of berth server's"
        + " data dir) or set BERTH_JOIN_TOKEN");
  }

  @Override
  public Integer call() throws Exception {
    ConsoleLogging.install();
    return RuntimeErrors.run(this::execute);
  }

  private Integer execute() throws InterruptedException {
    if (zone.isBlank() || cluster.isBlank()) {
      throw new IllegalArgumentException((zone.isBlank() ? "--zone" : "--cluster") + " is empty; name the"
          + (zone.isBlank() ? " availability zone this host is in, e.g. --zone zone-a" : " cluster to join, e.g. --cluster"
          + " default"));
    }
    AgentConfig config = config();
    config.advertise().ifPresent(address -> LocalAddresses.check("--advertise", address));
    DockerClient docker = DockerEngine.connect();
    Agent agent = new Agent(config, docker, ProcessClocks.forProcess());
    AgentDns served = dns ? serveDns(config, docker, agent) : null;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.stop();
      if (served != null) {
        served.close();
      }
      stopped.countDown();
    }, "berth-agent-shutdown"));
    agent.start();
    if (agent.awaitRegistered(Duration.ofSeconds(30))) {
      System.out.println("berth agent: registered as " + agent.instanceId().orElseThrow() + " with " + server
          + " (cluster " + cluster + ", zone " + zone + ", advertising " + agent.advertisedAddress().orElse("?") + ")");
    } else {
      LOG.log(Level.WARNING, "not registered yet with " + server + ": " + agent.lastError().orElse("no answer")
          + "; still trying");
    }
    stopped.await();
    return 0;
  }

  /** The resolvers {@code --dns-upstream} names: absent, the host's; {@code none}, no forwarding. */
  static List<InetSocketAddress> upstreams(List<String> option) {
    List<InetSocketAddress> upstreams = new ArrayList<>();
    if (option == null) {
      upstreams.addAll(AgentDns.hostResolvers(Path.of("/etc/resolv.conf")));
    } else if (!(option.size() == 1 && option.get(0).equals("none"))) {
      for (String address : option) {
        if (!address.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
          throw new IllegalArgumentException("--dns-upstream '" + address + "' is not an IP address; give the"
              + " address of a name server (port 53), or none to refuse other names");
        }
        upstreams.add(new InetSocketAddress(address, 53));
      }
    }
    return upstreams;
  }

  private AgentDns serveDns(AgentConfig config, DockerClient docker, Agent agent) {
    String advertised = config.advertise().orElseGet(() -> HostFacts.localAddressTowards(config.server()));
    List<InetSocketAddress> upstreams = upstreams(dnsUpstream);
    String network = dnsNetwork != null ? dnsNetwork : AgentDns.defaultNetwork(config.dataDir());
    try {
      AgentDns served = AgentDns.start(config, docker, advertised, new AgentDns.Settings(dnsPort, network, upstreams));
      agent.useResolvers(List.of(served.gateway()));
      System.out.println("berth agent: serving DNS on " + served.addresses().stream()
          .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).toList() + " (network " + network + ")");
      return served;
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage() + "; port " + dnsPort + " needs root (or"
          + " CAP_NET_BIND_SERVICE) and a free port on these addresses, or leave out --dns");
    }
  }
}
