package io.berth.engine.cli;

import io.berth.engine.agent.Agent;
import io.berth.engine.agent.AgentConfig;
import io.berth.engine.docker.DockerEngine;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
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

  @Option(names = "--server", required = true, description = "Control plane URL, e.g. http://127.0.0.1:7070.")
  URI server;

  @Option(names = "--token", required = true, description = "The cluster's join token.")
  String token;

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

  /** The agent configuration these options describe. */
  AgentConfig config() {
    AgentConfig config = AgentConfig.of(server, token, dataDir).withCluster(cluster).withZone(zone)
        .withTaskCleanupWait(taskCleanupWait);
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
    Agent agent = new Agent(config, DockerEngine.connect(), Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.stop();
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
}
