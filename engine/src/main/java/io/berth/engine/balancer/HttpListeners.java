package io.berth.engine.balancer;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP listeners of one control plane: a Jetty server with a connector per listener port on the
 * listen address, all handled by one {@link PoolProxy} that sends each request to a target of the
 * port's {@link TargetPool} through Jetty's HTTP client. Server and client share one thread pool.
 */
final class HttpListeners implements AutoCloseable {
  /** How long a connection to a target may wait for its first byte, as an upper bound on a dead host. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  /**
   * Idle connections to targets close after this, before most servers close theirs (Node's default
   * keep-alive is 5 s): a request never goes out on a connection its target already closed.
   */
  static final Duration TARGET_IDLE_TIMEOUT = Duration.ofSeconds(4);
  /** ELB's default idle timeout, for client connections and waits on a target's answer. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

  private final String host;
  private final Map<Integer, TargetPool> pools = new ConcurrentHashMap<>();
  private final Map<Integer, ServerConnector> connectors = new ConcurrentHashMap<>();
  private final QueuedThreadPool threads;
  private final Server server;
  private final HttpClient checks;

  HttpListeners(String host) {
    this.host = host;
    threads = new QueuedThreadPool(200, 4);
    threads.setName("berth-lb");
    threads.setDaemon(true);
    threads.setStopTimeout(200);
    server = new Server(threads);
    // At shutdown open client connections (kept alive, idle) are closed at once rather than waited for.
    server.setStopTimeout(0);
    server.setHandler(new PoolProxy(pools::get, () -> client(threads, 256), IDLE_TIMEOUT));
    checks = client(threads, 64);
    checks.setFollowRedirects(false);
    try {
      server.start();
      checks.start();
      // A check reads the target's status as it is: no redirects, authentication or decoding.
      checks.getProtocolHandlers().clear();
      checks.getContentDecoderFactories().clear();
    } catch (Exception e) {
      close();
      throw new IllegalStateException("cannot start the load balancers' HTTP server: " + e.getMessage(), e);
    }
  }

  /** A client on the shared threads (the proxy's is configured further by Jetty's proxy handler). */
  private static HttpClient client(QueuedThreadPool threads, int connectionsPerTarget) {
    ClientConnector connector = new ClientConnector();
    connector.setExecutor(threads);
    connector.setConnectTimeout(CONNECT_TIMEOUT);
    connector.setIdleTimeout(TARGET_IDLE_TIMEOUT);
    HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
    client.setExecutor(threads);
    client.setIdleTimeout(TARGET_IDLE_TIMEOUT.toMillis());
    client.setMaxConnectionsPerDestination(connectionsPerTarget);
    // Targets are IP addresses: resolving them in place saves a hand-off to another thread per connection.
    client.setSocketAddressResolver(new SocketAddressResolver.Sync());
    return client;
  }

  /** Listens on {@code port} for {@code pool}; empty when it does, else why not. */
  Optional<String> listen(TargetPool pool) {
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendDateHeader(false); // the target's own Date header is passed on
    config.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    ServerConnector connector = new ServerConnector(server, 1, -1, new HttpConnectionFactory(config));
    connector.setHost(host);
    connector.setPort(pool.port);
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    connector.setReuseAddress(true);
    pools.put(pool.port, pool);
    try {
      server.addConnector(connector);
      connector.start();
      connectors.put(pool.port, connector);
      return Optional.empty();
    } catch (Exception e) {
      server.removeConnector(connector);
      pools.remove(pool.port);
      String why = e instanceof IOException && e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      return Optional.of(String.valueOf(why));
    }
  }

  /** Stops listening on {@code port}; requests under way on it finish. */
  void stop(int port) {
    ServerConnector connector = connectors.remove(port);
    pools.remove(port);
    if (connector != null) {
      try {
        connector.stop();
      } catch (Exception e) {
        // a connector that will not stop is closed with the server
      }
      server.removeConnector(connector);
    }
  }

  /** The client health checks use (on the listeners' threads; each check closes its connection). */
  HttpClient checks() {
    return checks;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // best effort at shutdown
    }
    try {
      checks.stop();
    } catch (Exception e) {
      // best effort at shutdown
    }
  }
}
