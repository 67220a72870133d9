package io.berth.engine.server;

import io.berth.engine.api.ControlPlaneClient;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;

/**
 * The HTTP/JSON API on Netty (HTTPS with the cluster's certificate when configured): HTTP/1.1 with
 * kept-alive connections and pipelining, as many connections as clients open. Netty's event loops
 * read and write; each whole request ({@link ApiConnection}) is answered by {@link ApiRoutes} on a
 * worker thread, never on an event loop, because a blocking sync waits there for its assignment.
 */
final class ApiServer {
  /** Response header of a sync: the assignment's index, for the next blocking sync ({@code ?index=..&wait=ms}). */
  static final String INDEX_HEADER = ControlPlaneClient.INDEX_HEADER;

  /**
   * How long a connection may sit without a request before the server closes it: longer than a
   * blocking sync holds one ({@link BlockingSyncs#MAX_SYNC_WAIT}) many times over, so only clients
   * that went away lose theirs. A connection with a request under way is never closed for idling.
   */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

  /** The largest request body read (a sync of a host's thousands of tasks is well under 1 MiB). */
  static final int MAX_BODY = 16 << 20;

  /** The longest request line read, and the longest headers (all together). */
  static final int MAX_LINE = 16 << 10;
  static final int MAX_HEADERS = 16 << 10;

  /** How long {@link #stop} waits for the requests under way to be answered. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final InetSocketAddress listen;
  private final ApiRoutes routes;
  private final EventLoopGroup loops;
  private final ExecutorService workers;
  private final ChannelGroup connections = new DefaultChannelGroup("berth-api", GlobalEventExecutor.INSTANCE);
  private final ServerBootstrap bootstrap;
  private Channel server;

  ApiServer(ControlPlane plane, InetSocketAddress listen, Optional<ServerTls> tls) throws IOException {
    this.listen = listen;
    this.routes = new ApiRoutes(plane);
    // Netty's loops only decode, encode and encrypt: one per two cores is plenty for thousands of hosts.
    this.loops = new NioEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
        new DefaultThreadFactory("berth-api-io", true));
    // Not a fixed pool: each agent's blocking sync holds a thread for up to BlockingSyncs.MAX_SYNC_WAIT.
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "berth-api");
      thread.setDaemon(true);
      return thread;
    });
    this.bootstrap = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.SO_BACKLOG, 1024)
        // Each answer goes out whole at once; with Nagle's algorithm on, a small answer written after
        // another on a kept-alive connection would wait for the client's delayed ACK (up to 40 ms).
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            connections.add(channel);
            if (tls.isPresent()) {
              SSLEngine engine = tls.get().context().createSSLEngine();
              engine.setUseClientMode(false);
              channel.pipeline().addLast(new SslHandler(engine));
            }
            channel.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                new HttpServerCodec(MAX_LINE, MAX_HEADERS, 64 << 10), new HttpServerExpectContinueHandler(),
                new ApiConnection(routes, workers));
          }
        });
  }

  void start() throws IOException {
    try {
      server = bootstrap.bind(listen).syncUninterruptibly().channel();
    } catch (Exception e) { // Netty rethrows the bind's IOException undeclared
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workers.shutdownNow();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
  }

  InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** Whether accepted connections send without Nagle's delay. */
  boolean noDelay() {
    return Boolean.TRUE.equals(bootstrap.config().childOptions().get(ChannelOption.TCP_NODELAY));
  }

  /**
   * Stops accepting connections, lets the requests under way be answered (for up to
   * {@link #STOP_WAIT}; the control plane has woken its blocking syncs first), then closes every
   * connection.
   */
  void stop() {
    if (server != null) {
      server.close().syncUninterruptibly();
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    // the answers just given were queued on their connections' loops before these closes
    connections.close().awaitUninterruptibly(STOP_WAIT.toMillis());
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
