package io.berth.engine.balancer;

import io.berth.model.TargetGroupProtocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The listeners of one control plane on Netty: a server channel per listener port on the listen
 * address, HTTP ({@link HttpFrontend}: Netty's HTTP codec, one request at a time per connection, each
 * sent to a target of the port's {@link TargetPool}) or TCP ({@link TcpFrontend}). A client connection
 * and the connection to its target share one event loop thread, so a request never changes threads;
 * the health checks run on the same loops.
 */
final class NettyListeners implements AutoCloseable {
  /** How long a connection to a target may take, as an upper bound on a dead host. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  /** ELB's default idle timeout, for client connections and for waits on a target's answer. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

  private final String host;
  private final EventLoopGroup loops;
  private final Map<Integer, Channel> servers = new ConcurrentHashMap<>();

  NettyListeners(String host) {
    this.host = host;
    // Half the cores: the targets, Docker's port proxies and the clients share the machine (on 2 cores
    // one loop spends a fifth less CPU per request than two, see docs/load-balancing.md).
    this.loops = new NioEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
        new DefaultThreadFactory("berth-lb", true));
  }

  /** Listens on {@code pool}'s port with its protocol; empty when it does, else why not. */
  Optional<String> listen(TargetPool pool) {
    boolean http = pool.settings().protocol() == TargetGroupProtocol.HTTP;
    ServerBootstrap bootstrap = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.AUTO_READ, false)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            if (http) {
              channel.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                  new HttpServerCodec(), new HttpServerExpectContinueHandler(), new HttpFrontend(pool, NettyListeners.this));
            } else {
              channel.pipeline().addLast(new TcpFrontend(pool, NettyListeners.this));
            }
          }
        });
    try {
      Channel server = bootstrap.bind(new InetSocketAddress(host, pool.port)).syncUninterruptibly().channel();
      servers.put(pool.port, server);
      return Optional.empty();
    } catch (Exception e) { // Netty rethrows the bind's IOException undeclared
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  /** A client bootstrap for connections from a channel on {@code loop}'s thread to a target. */
  Bootstrap connector(io.netty.channel.EventLoop loop) {
    return new Bootstrap().group(loop).channel(NioSocketChannel.class)
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
  }

  /** The loops, for health checks. */
  EventLoopGroup loops() {
    return loops;
  }

  /** Stops listening on {@code port}; connections under way finish. */
  void stop(int port) {
    Channel server = servers.remove(port);
    if (server != null) {
      server.close().syncUninterruptibly();
    }
  }

  @Override
  public void close() {
    servers.values().forEach(server -> server.close().syncUninterruptibly());
    servers.clear();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
