package io.berth.engine.cli;

import io.berth.engine.agent.AgentConfig;
import io.berth.engine.api.JoinToken;
import io.berth.engine.clock.ProcessClocks;
import io.berth.engine.server.AdminTokens;
import io.berth.engine.server.ApiSecurity;
import io.berth.engine.dns.DnsServer;
import io.berth.engine.server.ControlPlane;
import io.berth.engine.server.ControlPlaneConfig;
import io.berth.engine.server.ReconcileSettings;
import io.berth.engine.server.SecretFiles;
import io.berth.engine.server.ServedApply;
import io.berth.engine.server.ServerTls;
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

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".berth/server", description = "Where the cluster CA,"
      + " the server certificate, the instance key, the join token and the revoked instances are kept (default:"
      + " ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--dns", paramLabel = "ADDR[:PORT]", description = "Also serve service discovery DNS here"
      + " (port 53 unless given): the names of every cluster; other names are refused.")
  String dns;

  @Option(names = "--join-token-grace", defaultValue = "1h", converter = DurationConverter.class,
      description = "How long the previous join token is still accepted after a rotation (default: ${DEFAULT-VALUE}).")
  Duration joinTokenGrace;

  @Option(names = "--admin-tokens", paramLabel = "FILE", description = "Admin tokens, one line NAME SCOPE TOKEN each,"
      + " scope read (ps, services, events, logs) or write (also apply, revoke, rotate); default: <data dir>/admin-tokens,"
      + " created with one write token named admin.")
  Path adminTokensFile;

  @Mixin ServerTlsOptions tls = new ServerTlsOptions();

  @Option(names = "--secrets-file", paramLabel = "FILE", description = "NAME=VALUE lines; values stay in memory only.")
  Path secretsFile;

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
    if (lostAfter.compareTo(AgentConfig.MAX_SYNC_BACKOFF) <= 0) {
      System.err.println("berth server: --lost-after " + lostAfter.toMillis() + "ms is not longer than the agents' longest"
          + " wait between failed syncs (" + AgentConfig.MAX_SYNC_BACKOFF.toSeconds() + " s): agents waiting out a restart"
          + " of the control plane may be declared lost and their tasks replaced; give --lost-after 10s (the default)");
    }
    InetSocketAddress address = address(listen);
    Clock clock = ProcessClocks.forProcess();
    Optional<ServerTls> serverTls = tls.serverTls(address, dataDir, clock.instant());
    // the join token agents register with: made on the first start, rewritten by berth join-token rotate
    Path joinFile = dataDir.resolve("join-token");
    String joinToken = SecretFiles.firstLine(joinFile).orElse(null);
    if (joinToken == null) {
      joinToken = JoinToken.create(serverTls.map(ServerTls::caFingerprint));
      SecretFiles.write(joinFile, joinToken + "\n");
    }
    Optional<String> carried = JoinToken.caFingerprint(joinToken);
    if (carried.isPresent() && !carried.equals(serverTls.map(ServerTls::caFingerprint))) {
      System.err.println("berth server: the join token in " + joinFile + " carries the fingerprint of another CA than"
          + " this server's, so agents joining with it refuse this server; run berth join-token rotate for a new one");
    }
    Path adminFile = adminTokensFile != null ? adminTokensFile : dataDir.resolve("admin-tokens");
    if (adminTokensFile == null && !Files.exists(adminFile)) {
      SecretFiles.write(adminFile, "# NAME SCOPE TOKEN (scope read or write)\nadmin write " + JoinToken.randomHex() + "\n");
    }
    ApiSecurity security = new ApiSecurity(AdminTokens.read(adminFile), serverTls, Optional.of(dataDir), joinTokenGrace);
    ControlPlaneConfig config = new ControlPlaneConfig(state.access(), address, joinToken, "",
        readSecrets(secretsFile), syncInterval, Duration.ofMillis(250),
        new ReconcileSettings(lostAfter, healthyAfter, Duration.ofMinutes(15)), poll, webhookSecret(), lbListen,
        security.keptIn(dataDir));
    try (ControlPlane plane = ControlPlane.start(config, clock, ServedApply::serve)) {
      Runtime.getRuntime().addShutdownHook(new Thread(plane::close));
      System.out.println("berth control plane listening on " + plane.uri() + " (state " + state.text()
          + (config.state().isRemote() ? ", fetched every " + poll.toSeconds() + " s"
          + (config.webhookSecret().isPresent() ? " and on POST /v1/hooks/state" : "") : "")
          + "; load balancers on " + config.lbListen() + ")");
      System.out.println("join token in " + joinFile + ", admin tokens in " + adminFile
          + serverTls.map(t -> ", cluster CA " + dataDir.resolve("ca.pem") + " (sha256 " + t.caFingerprint() + ")")
              .orElse(tls.givenCa().map(ca -> ", CA " + ca).orElse("")));
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
    String port = colon < 0 ? "" : value.substring(colon + 1);
    if (colon < 1 || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException("--listen '" + value + "' needs HOST:PORT with a port of 0-65535, e.g."
          + " 127.0.0.1:7070");
    }
    return new InetSocketAddress(value.substring(0, colon), Integer.parseInt(port));
  }

  static Map<String, String> readSecrets(Path file) throws IOException {
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
