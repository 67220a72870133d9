package io.berth.engine.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Checks the targets of every pool when they are due ({@link TargetHealth#checkDue}), on the
 * listeners' Netty event loops, without a thread per check: an HTTP GET of the target group's path
 * (with {@code Connection: close}, as ELB closes each check's connection), whose status must match,
 * or a TCP connect when there is no path; either within the timeout. One scheduler thread looks
 * for due checks five times a second.
 */
final class HealthChecker implements AutoCloseable {
  static final Duration SCAN = Duration.ofMillis(200);

  private final Supplier<Collection<TargetPool>> pools;
  private final Supplier<NettyListeners> listeners;
  private final Clock clock;
  private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "berth-lb-health");
    thread.setDaemon(true);
    return thread;
  });

  HealthChecker(Supplier<Collection<TargetPool>> pools, Supplier<NettyListeners> listeners, Clock clock) {
    this.pools = pools;
    this.listeners = listeners;
    this.clock = clock;
    scanner.scheduleWithFixedDelay(this::scan, 0, SCAN.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void scan() {
    try {
      for (TargetPool pool : pools.get()) {
        for (Target target : pool.due()) {
          if (target.checking.compareAndSet(false, true)) {
            check(pool, target);
          }
        }
      }
    } catch (RuntimeException e) {
      // a pool closing under the scan, or the loops shutting down: the next scan sees the new set
    }
  }

  private void check(TargetPool pool, Target target) {
    TargetGroupSettings settings = pool.settings();
    EventLoop loop = listeners.get().loops().next();
    String what = settings.checkPath().map(p -> "GET " + p).orElse("TCP connect");
    AtomicBoolean done = new AtomicBoolean();
    Channel[] channel = new Channel[1];
    Runnable timeout = () -> {
      if (done.compareAndSet(false, true)) {
        if (channel[0] != null) {
          channel[0].close();
        }
        finish(pool, target, CheckResult.fail(what + " timed out after " + settings.timeout().toSeconds() + " s",
            clock.instant()));
      }
    };
    loop.schedule(timeout, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.timeout().toMillis())
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (settings.checkPath().isPresent()) {
              ch.pipeline().addLast(new HttpClientCodec(), new StatusReader(pool, target, settings, what, done));
            }
          }
        });
    bootstrap.connect(target.address).addListener((ChannelFutureListener) connected -> {
      channel[0] = connected.channel();
      if (!connected.isSuccess()) {
        if (done.compareAndSet(false, true)) {
          finish(pool, target, CheckResult.fail(what + " failed: " + HttpFrontend.describe(connected.cause()),
              clock.instant()));
        }
      } else if (settings.checkPath().isEmpty()) {
        connected.channel().close();
        if (done.compareAndSet(false, true)) {
          finish(pool, target, CheckResult.pass("TCP connect succeeded", clock.instant()));
        }
      } else {
        String host = target.endpoint();
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
            settings.checkPath().get());
        request.headers().set(HttpHeaderNames.HOST, host).set(HttpHeaderNames.CONNECTION, "close")
            .set(HttpHeaderNames.USER_AGENT, "Berth-HealthChecker/1.0").set(HttpHeaderNames.CONTENT_LENGTH, 0);
        connected.channel().writeAndFlush(request);
      }
    });
  }

  /** Reads the status of a check's answer, then closes the connection. */
  private final class StatusReader extends ChannelInboundHandlerAdapter {
    private final TargetPool pool;
    private final Target target;
    private final TargetGroupSettings settings;
    private final String what;
    private final AtomicBoolean done;

    StatusReader(TargetPool pool, Target target, TargetGroupSettings settings, String what, AtomicBoolean done) {
      this.pool = pool;
      this.target = target;
      this.settings = settings;
      this.what = what;
      this.done = done;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof HttpResponse response && response.status().code() >= 200
            && done.compareAndSet(false, true)) {
          int status = response.status().code();
          ctx.close();
          finish(pool, target, settings.matcher().matches(status)
              ? CheckResult.pass(what + " answered " + status, clock.instant())
              : CheckResult.fail(what + " answered " + status + ", expected " + settings.matcher().text(), clock.instant()));
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (done.compareAndSet(false, true)) {
        finish(pool, target, CheckResult.fail(what + " failed: the connection closed before an answer", clock.instant()));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static void finish(TargetPool pool, Target target, CheckResult result) {
    try {
      pool.checked(target, result);
    } finally {
      target.checking.set(false);
    }
  }

  @Override
  public void close() {
    scanner.shutdownNow();
  }
}
