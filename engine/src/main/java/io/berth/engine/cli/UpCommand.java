package io.berth.engine.cli;

import io.berth.engine.local.LocalCluster;
import io.berth.engine.local.SimulatedHosts;
import io.berth.engine.server.ControlPlaneConfig;
import io.berth.engine.local.UpFile;
import io.berth.engine.server.ServedApply;
import io.berth.engine.state.StateAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth up}: a control plane and N simulated hosts on the local Docker engine, until {@code berth down}. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Run a local cluster: control plane + N agents (simulated hosts) on the local Docker engine.")
public final class UpCommand implements Callable<Integer> {
  @Option(names = "--agents", defaultValue = "3", description = "Number of agents (default: ${DEFAULT-VALUE}).")
  int agents;

  @Option(names = "--zones", split = ",", defaultValue = "zone-a,zone-b,zone-c",
      description = "Zones the agents are spread over (default: ${DEFAULT-VALUE}).")
  List<String> zones;

  @Option(names = "--cluster", paramLabel = "NAME", defaultValue = "local",
      description = "The cluster the agents belong to, declared by a stack of the state (default: ${DEFAULT-VALUE}).")
  String cluster;

  @Option(names = "--state", paramLabel = "DIR", description = "State repository (default: BERTH_STATE, else .berth/state; created if missing).")
  String state;

  @Option(names = "--port", defaultValue = "7070", description = "Control plane port on 127.0.0.1, 0 for any (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--lb-listen", paramLabel = "ADDR", defaultValue = ControlPlaneConfig.DEFAULT_LB_LISTEN,
      description = "Address the load balancers' listeners bind (default: ${DEFAULT-VALUE}).")
  String lbListen;

  @Option(names = "--cpu", defaultValue = "2048", description = "Cpu units per simulated host (default: ${DEFAULT-VALUE}).")
  int cpu;

  @Option(names = "--memory", defaultValue = "4096", description = "MiB per simulated host (default: ${DEFAULT-VALUE}).")
  int memory;

  @Option(names = "--healthy-after", defaultValue = "5s", converter = DurationConverter.class,
      description = "A task without a health check counts healthy after running this long (default: ${DEFAULT-VALUE}; ECS uses 40s).")
  Duration healthyAfter;

  @Option(names = "--task-cleanup-wait", defaultValue = "1m", converter = DurationConverter.class,
      description = "How long a stopped task's containers stay (for docker logs) before the agents remove them; 0s"
          + " removes them at once (default: ${DEFAULT-VALUE}; ECS uses 3h). berth down removes them all.")
  Duration taskCleanupWait;

  @Option(names = "--dns", description = "Serve service discovery DNS: each simulated host gets a Docker network of its"
      + " own, advertises its gateway (instead of 127.0.0.x) and answers DNS there on port 53, its containers' resolver.")
  boolean dns;

  @Option(names = "--dns-upstream", paramLabel = "ADDR", split = ",", description = "With --dns: where names outside"
      + " Berth's namespaces are forwarded (port 53), or none to refuse them (default: the nameservers of /etc/resolv.conf).")
  List<String> dnsUpstream;

  @Option(names = "--secrets-file", paramLabel = "FILE", description = "NAME=VALUE lines; values stay in memory only.")
  Path secretsFile;

  /** Where {@code .berth/} goes: the working directory (tests change it). */
  Path workDirectory = Path.of("");

  @Override
  public Integer call() throws Exception {
    return RuntimeErrors.run(() -> {
      checkOptions();
      ConsoleLogging.install();
      return execute();
    });
  }

  private Integer execute() throws Exception {
    Path work = workDirectory.toAbsolutePath();
    if (state != null && StateAccess.parse(state, Path.of(StateAccess.DEFAULT_CACHE), false).isRemote()) {
      System.err.println("berth up: --state " + state + " is a Git URL, but berth up runs a local cluster on a local"
          + " state directory; to follow a remote state run berth server --state " + state);
      return 1;
    }
    var existing = UpFile.read(work);
    if (existing.isPresent() && existing.get().alive(work)) {
      System.err.println("berth up: a local cluster already runs here (pid " + existing.get().pid() + ", "
          + existing.get().url() + "); stop it with berth down first");
      return 1;
    }
    LocalAddresses.check("--lb-listen", lbListen);
    var options = new LocalCluster.Options(work, ServerCommand.stateDirectory(state == null ? null : Path.of(state)).toAbsolutePath(), port, agents, zones,
        cpu, memory, healthyAfter, Duration.ofMillis(250), ServerCommand.readSecrets(secretsFile),
        taskCleanupWait, lbListen, cluster, dns ? Optional.of(AgentCommand.upstreams(dnsUpstream)) : Optional.empty());
    LocalCluster cluster = LocalCluster.start(options, ServedApply::serve);
    Thread hook = new Thread(cluster::close, "berth-up-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    String hosts = dns ? String.join(", ", cluster.agents().stream().map(a -> a.config().advertise().orElseThrow()).toList())
        + " (serving DNS)" : SimulatedHosts.address(0) + (agents > 1 ? "-" + SimulatedHosts.address(agents - 1) : "");
    System.out.println("berth up: control plane on " + cluster.uri() + " with " + agents + " agents of cluster "
        + options.cluster() + " in zones " + String.join(",", zones) + " at " + hosts + ", load balancers on " + lbListen
        + " (state " + options.state() + ")");
    System.out.println("berth up: wrote " + UpFile.path(work) + "; stop with berth down");
    cluster.awaitShutdown();
    Runtime.getRuntime().removeShutdownHook(hook);
    cluster.close();
    System.out.println("berth up: stopped");
    return 0;
  }

  /** Refuses options that would start a cluster other than the one asked for, before starting anything. */
  void checkOptions() {
    if (zones.isEmpty() || zones.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("--zones '" + String.join(",", zones) + "' has an empty zone name; give the"
          + " zones the agents are spread over, separated by commas, e.g. --zones zone-a,zone-b,zone-c");
    }
    if (agents < 1) {
      throw new IllegalArgumentException("--agents " + agents + " starts no agent, so no task could run; give 1 or more");
    }
    if (cpu < 1 || memory < 1) {
      throw new IllegalArgumentException((cpu < 1 ? "--cpu " + cpu : "--memory " + memory) + " gives the simulated hosts"
          + " nothing to run tasks on; give a positive number (cpu units, MiB)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port " + port + " is not a TCP port; give 1-65535, or 0 for any free port");
    }
  }
}
