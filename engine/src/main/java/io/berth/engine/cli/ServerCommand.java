package io.berth.engine.cli;

import io.berth.engine.dns.DnsServer;
import io.berth.engine.server.ControlPlane;
import io.berth.engine.server.ControlPlaneConfig;
import io.berth.engine.server.ReconcileSettings;
import io.berth.engine.server.ServedApply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code berth server}: runs the control plane against a state until stopped. A remote state is
 * followed (fetched every {@code --poll} and at once on a signed webhook), and {@code POST /v1/apply}
 * commits (and pushes) as {@code berth apply --desired} does.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = {"Run the control plane: reconcile the state's services onto the agents that join.",
        "With --state URL it follows a remote state: fetched every --poll and at once on POST /v1/hooks/state."})
public final class ServerCommand implements Callable<Integer> {
  @Mixin StateOption state = new StateOption();

  @Option(names = "--poll", defaultValue = "10s", converter = DurationConverter.class,
      description = "How often a remote state is fetched (default: ${DEFAULT-VALUE}).")
  Duration poll;

  @Option(names = "--webhook-secret-file", paramLabel = "FILE", description = "The secret webhooks to POST"
      + " /v1/hooks/state are signed with, on the file's first line (default: BERTH_WEBHOOK_SECRET; without either,"
      + " the route is off). GitHub's X-Hub-Signature-256 and GitLab's X-Gitlab-Token are accepted.")
  Path webhookSecretFile;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7070", description = "API address (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--lb-listen", paramLabel = "ADDR", defaultValue = ControlPlaneConfig.DEFAULT_LB_LISTEN,
      description = "Address the load balancers' listeners bind, e.g. 0.0.0.0 for every address (default: ${DEFAULT-VALUE}).")
  String lbListen;

  @Option(names = "--dns", paramLabel = "ADDR[:PORT]", description = "Also serve service discovery DNS here"
      + " (port 53 unless given): the names of every cluster; other names are refused.")
  String dns;

  @Option(names = "--join-token", required = true, paramLabel = "T", description = "Token agents must present.")
  String joinToken;

  @Option(names = "--admin-token", required = true, paramLabel = "T", description = "Token the CLI must present.")
  String adminToken;

  @Option(names = "--secrets-file", paramLabel = "FILE", description = "NAME=VALUE lines; values stay in memory only.")
  Path secretsFile;

  @Option(names = "--secret", paramLabel = "NAME=VALUE", description = "A secret (repeatable).")
  List<String> secrets = new ArrayList<>();

  @Option(names = "--lost-after", defaultValue = "10s", converter = DurationConverter.class,
      description = "Mark an agent lost after missing syncs this long (default: ${DEFAULT-VALUE}).")
  Duration lostAfter;

  @Option(names = "--healthy-after", defaultValue = "40s", converter = DurationConverter.class,
      description = "A task without a health check counts healthy after running this long (default: ${DEFAULT-VALUE}, as ECS).")
  Duration healthyAfter;

  @Option(names = "--sync-interval", defaultValue = "1000ms", converter = DurationConverter.class,
      description = "How often agents sync (default: ${DEFAULT-VALUE}).")
  Duration syncInterval;

  @Override
  public Integer call() throws Exception {
    ConsoleLogging.install();
    return RuntimeErrors.run(this::execute);
  }

  private Integer execute() throws Exception {
    LocalAddresses.check("--lb-listen", lbListen);
    ControlPlaneConfig config = new ControlPlaneConfig(state.access(), address(listen), joinToken, adminToken,
        readSecrets(secretsFile, secrets), syncInterval, Duration.ofMillis(250),
        new ReconcileSettings(lostAfter, healthyAfter, Duration.ofMinutes(15)), poll, webhookSecret(), lbListen);
    try (ControlPlane plane = ControlPlane.start(config, Clock.systemUTC(), ServedApply::serve)) {
      Runtime.getRuntime().addShutdownHook(new Thread(plane::close));
      System.out.println("berth control plane listening on " + plane.uri() + " (state " + state.text()
          + (config.state().isRemote() ? ", fetched every " + poll.toSeconds() + " s"
          + (config.webhookSecret().isPresent() ? " and on POST /v1/hooks/state" : "") : "")
          + "; load balancers on " + config.lbListen() + ")");
      try (DnsServer served = dns == null ? null : serveDns(plane)) {
        plane.awaitShutdown();
      }
    }
    return 0;
  }

  private Optional<String> webhookSecret() throws IOException {
    if (webhookSecretFile != null) {
      if (!Files.isRegularFile(webhookSecretFile)) {
        throw new IllegalArgumentException("--webhook-secret-file " + webhookSecretFile + " does not exist; give a file"
            + " holding the webhook's secret on its first line");
      }
      return Files.readAllLines(webhookSecretFile).stream().findFirst().map(String::strip).filter(s -> !s.isEmpty());
    }
    return Optional.ofNullable(System.getenv("BERTH_WEBHOOK_SECRET")).filter(s -> !s.isBlank());
  }

  static Path stateDirectory(Path option) {
    if (option != null) {
      return option;
    }
    String env = System.getenv("BERTH_STATE");
    return Path.of(env != null ? env : ".berth/state");
  }

  private DnsServer serveDns(ControlPlane plane) {
    boolean withPort = dns.chars().filter(c -> c == ':').count() == 1; // an IPv6 address has several colons
    String host = withPort ? dns.substring(0, dns.lastIndexOf(':')) : dns;
    int port = host.equals(dns) ? 53 : Integer.parseInt(dns.substring(dns.lastIndexOf(':') + 1));
    LocalAddresses.check("--dns", host);
    try {
      DnsServer server = DnsServer.start(new InetSocketAddress(host, port), plane::discovery, List.of());
      System.out.println("berth control plane: serving DNS on " + host + ":" + server.address().getPort());
      return server;
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage() + "; port " + port + " needs root (or CAP_NET_BIND_SERVICE)"
          + " and a free port, or leave out --dns");
    }
  }

  static InetSocketAddress address(String value) {
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("--listen '" + value + "' needs HOST:PORT, e.g. 127.0.0.1:7070");
    }
    return new InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
  }

  static Map<String, String> readSecrets(Path file, List<String> pairs) throws IOException {
    Map<String, String> secrets = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--secrets-file " + file + " does not exist; give a file of NAME=VALUE lines");
      }
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank() && !line.strip().startsWith("#")) {
          lines.add(line.strip());
        }
      }
    }
    lines.addAll(pairs);
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("secret '" + line.split("=")[0] + "' has no value; write NAME=VALUE");
      }
      String name = line.substring(0, eq).strip();
      secrets.put(name.startsWith("secret/") ? name.substring("secret/".length()) : name, line.substring(eq + 1));
    }
    return secrets;
  }
}
