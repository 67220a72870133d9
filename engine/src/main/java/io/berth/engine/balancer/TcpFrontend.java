package io.berth.engine.balancer;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One client connection of a TCP listener: it goes to a target of the pool (one that refuses it is
 * skipped and counts against it), then bytes are copied both ways, each side read only once the other
 * has written what it got, until either closes. The connection is in flight for draining from accept
 * to close; its duration is what its latency counts.
 */
final class TcpFrontend extends ChannelInboundHandlerAdapter {
  private final TargetPool pool;
  private final NettyListeners listeners;
  private final Set<Target> tried = new HashSet<>();
  private Channel client;
  private Channel backend;
  private Target target;
  private long started;

  TcpFrontend(TargetPool pool, NettyListeners listeners) {
    this.pool = pool;
    this.listeners = listeners;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    client = ctx.channel();
    started = System.nanoTime();
    connect();
  }

  private void connect() {
    Optional<Target> chosen = pool.acquire(tried);
    if (chosen.isEmpty()) {
      pool.failed();
      client.close();
      return;
    }
    Target attempt = chosen.get();
    target = attempt;
    listeners.connector(client.eventLoop()).handler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel channel) {
        channel.pipeline().addLast(new Pipe(client));
      }
    }).connect(attempt.address).addListener((ChannelFutureListener) connected -> {
      if (target != attempt) {
        connected.channel().close();
        return;
      }
      if (!connected.isSuccess()) {
        pool.release(attempt);
        pool.unreachable(attempt, HttpFrontend.describe(connected.cause()));
        tried.add(attempt);
        target = null;
        if (tried.size() < TargetPool.MAX_ATTEMPTS) {
          connect();
        } else {
          pool.failed();
          client.close();
        }
        return;
      }
      backend = connected.channel();
      client.pipeline().addLast(new Pipe(backend));
      client.read();
      backend.read();
    });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (target != null) {
      pool.answered(target, 0, System.nanoTime() - started);
      pool.release(target);
      target = null;
    }
    if (backend != null) {
      backend.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ctx.fireChannelRead(msg); // to the pipe towards the target
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /** Copies what one side reads to {@code to}, reading on once it is written; closes {@code to} when done. */
  private static final class Pipe extends ChannelInboundHandlerAdapter {
    private final Channel to;

    Pipe(Channel to) {
      this.to = to;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      to.writeAndFlush(msg).addListener((ChannelFutureListener) written -> {
        if (written.isSuccess()) {
          ctx.channel().read();
        } else {
          ctx.close();
        }
      });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (to.isActive()) {
        to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
