package io.berth.engine.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import io.berth.engine.api.ClientTls;
import io.berth.engine.api.JoinToken;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.DiscoveryEntry;
import io.berth.engine.dns.DnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An agent's discovery DNS: one {@link DnsServer} on its advertised address (for the host and host-mode
 * containers) and one on the gateway of its own Docker network (for containers with a network of their
 * own: a container's loopback is its own, but every container of the machine reaches every bridge
 * gateway, which is an address of the host). Each agent has its own network, hence its own subnet and
 * gateway, so several agents on one machine each bind port 53 on an address of their own.
 * The discovery names come from the control plane ({@code GET /v1/discovery}), read again when the
 * copy is older than {@link #FRESH}; when the control plane does not answer, the last copy serves.
 */
public final class AgentDns implements AutoCloseable {
  /** How old the copy of the discovery names may be when a query comes: under one reconcile tick. */
  static final Duration FRESH = Duration.ofMillis(100);
  /** Label on the network the agent creates. */
  static final String NETWORK_LABEL = "berth.dns-network";
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(1);
  private static final System.Logger LOG = System.getLogger(AgentDns.class.getName());

  /**
   * What to serve.
   *
   * @param port the DNS port (53: Docker's --dns takes no port)
   * @param network the agent's Docker network whose gateway serves its containers; created when absent
   * @param upstreams where names outside Berth's namespaces go; empty: refused
   */
  public record Settings(int port, String network, List<InetSocketAddress> upstreams) {
    /** Copies the list. */
    public Settings {
      upstreams = List.copyOf(upstreams);
    }
  }

  private final AgentConfig config;
  private final DataDir dataDir;
  private final String cluster;
  private final List<DnsServer> servers;
  private ControlPlaneClient client;
  private String clientToken;
  private String gateway;
  private List<DiscoveryEntry> entries = List.of();
  private long fetchedAt = Long.MIN_VALUE;

  private AgentDns(AgentConfig config, List<DnsServer> servers) {
    this.config = config;
    this.dataDir = new DataDir(config.dataDir());
    this.cluster = config.cluster();
    this.servers = servers;
  }

  /**
   * Creates (or finds) the agent's network and serves DNS on {@code advertised} and on that network's
   * gateway; fails naming the address that cannot be bound.
   */
  public static AgentDns start(AgentConfig config, DockerClient docker, String advertised, Settings settings)
      throws IOException {
    List<DnsServer> servers = new ArrayList<>();
    try {
      // the advertised address first: a port taken there fails before any Docker network is created
      InetSocketAddress onHost = new InetSocketAddress(InetAddress.getByName(advertised), settings.port());
      AgentDns dns = new AgentDns(config, servers);
      servers.add(DnsServer.start(onHost, dns::entries, upstreams(settings, advertised)));
      dns.gateway = gateway(docker, settings.network(), config.extraLabels());
      if (!dns.gateway.equals(advertised)) {
        servers.add(DnsServer.start(new InetSocketAddress(InetAddress.getByName(dns.gateway), settings.port()),
            dns::entries, upstreams(settings, dns.gateway)));
      }
      return dns;
    } catch (IOException | RuntimeException e) {
      servers.forEach(DnsServer::close);
      throw e;
    }
  }

  /** Never forward to ourselves. */
  private static List<InetSocketAddress> upstreams(Settings settings, String self) {
    return settings.upstreams().stream().filter(u -> !u.getAddress().getHostAddress().equals(self)).toList();
  }

  /** The address containers with a network of their own resolve with: the network's gateway. */
  public String gateway() {
    return gateway;
  }

  /** The addresses and ports served. */
  public List<InetSocketAddress> addresses() {
    return servers.stream().map(DnsServer::address).toList();
  }

  /** The discovery names, read from the control plane when the copy is older than {@link #FRESH}. */
  synchronized List<DiscoveryEntry> entries() {
    long now = System.nanoTime();
    if (fetchedAt == Long.MIN_VALUE || now - fetchedAt > FRESH.toNanos()) {
      try {
        entries = client().discovery(cluster, FETCH_TIMEOUT);
        fetchedAt = now;
      } catch (RuntimeException e) {
        if (fetchedAt == Long.MIN_VALUE) {
          throw e; // nothing to answer from: SERVFAIL
        }
        LOG.log(System.Logger.Level.WARNING, "DNS answers from names read "
            + Duration.ofNanos(now - fetchedAt).toMillis() + " ms ago: " + e.getMessage());
      }
    }
    return entries;
  }

  /**
   * A client as the agent's own: trusting the same CA, with the instance's credential once it registered
   * (the join token before: it may be rotated away later, the credential stays).
   */
  private ControlPlaneClient client() {
    String token = dataDir.instanceToken().orElse(config.token());
    if (client == null || !token.equals(clientToken)) {
      client = new ControlPlaneClient(config.server(), token,
          ClientTls.forServer(config.server(), config.ca(), JoinToken.caFingerprint(config.token())));
      clientToken = token;
    }
    return client;
  }

  /** The gateway of {@code name}, read from Docker's inspect; the network is created first when absent. */
  public static String gateway(DockerClient docker, String name, Map<String, String> extraLabels) {
    Network network;
    try {
      network = docker.inspectNetworkCmd().withNetworkId(name).exec();
    } catch (NotFoundException e) {
      Map<String, String> labels = new TreeMap<>(extraLabels);
      labels.put(NETWORK_LABEL, "true");
      docker.createNetworkCmd().withName(name).withDriver("bridge").withLabels(labels).exec();
      network = docker.inspectNetworkCmd().withNetworkId(name).exec();
    }
    return Optional.ofNullable(network.getIpam()).map(Network.Ipam::getConfig).orElse(List.of()).stream()
        .map(Network.Ipam.Config::getGateway).filter(g -> g != null && g.contains("."))
        .findFirst().orElseThrow(() -> new IllegalStateException("Docker network " + name
            + " has no IPv4 gateway; give --dns-network a bridge network with an IPv4 subnet"));
  }

  /** The default network of the agent whose data dir is {@code dataDir}: one per agent, stable across restarts. */
  public static String defaultNetwork(Path dataDir) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      return "berth-dns-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The name servers of {@code resolvConf} on port 53: where the host resolves names. */
  public static List<InetSocketAddress> hostResolvers(Path resolvConf) {
    List<InetSocketAddress> upstreams = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(resolvConf)) {
        String[] words = line.trim().split("\\s+");
        if (words.length >= 2 && words[0].equals("nameserver")) {
          upstreams.add(new InetSocketAddress(InetAddress.getByName(words[1]), 53));
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read " + resolvConf + ": " + e.getMessage()
          + "; names outside Berth's namespaces are refused");
    }
    return upstreams;
  }

  @Override
  public void close() {
    servers.forEach(DnsServer::close);
  }
}
