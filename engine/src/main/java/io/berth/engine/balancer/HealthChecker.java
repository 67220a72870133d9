package io.berth.engine.balancer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Checks the targets of every pool when they are due ({@link TargetHealth#checkDue}), without blocking
 * a thread per check: an HTTP GET of the target group's path through Jetty's client, whose status must
 * match, or a TCP connect when there is no path; either within the timeout. The connection of each
 * check is closed afterwards, as ELB does. One scheduler thread looks for due checks five times a
 * second.
 */
final class HealthChecker implements AutoCloseable {
  static final Duration SCAN = Duration.ofMillis(200);

  private final Supplier<Collection<TargetPool>> pools;
  private final Supplier<HttpClient> http;
  private final Clock clock;
  private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "berth-lb-health");
    thread.setDaemon(true);
    return thread;
  });

  HealthChecker(Supplier<Collection<TargetPool>> pools, Supplier<HttpClient> http, Clock clock) {
    this.pools = pools;
    this.http = http;
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
      // a pool closing under the scan: the next scan sees the new set
    }
  }

  private void check(TargetPool pool, Target target) {
    TargetGroupSettings settings = pool.settings();
    if (settings.checkPath().isPresent()) {
      httpCheck(pool, target, settings);
    } else {
      tcpCheck(pool, target, settings);
    }
  }

  private void httpCheck(TargetPool pool, Target target, TargetGroupSettings settings) {
    String path = settings.checkPath().get();
    String what = "GET " + path;
    String host = target.address.getAddress().getHostAddress();
    String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + target.address.getPort() + path;
    try {
      http.get().newRequest(url)
          .timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
          .headers(h -> h.put(HttpHeader.CONNECTION, "close").put(HttpHeader.USER_AGENT, "Berth-HealthChecker/1.0"))
          .send(result -> {
            CheckResult outcome;
            if (result.getResponse() != null && result.getResponse().getStatus() > 0 && result.isSucceeded()) {
              int status = result.getResponse().getStatus();
              outcome = settings.matcher().matches(status)
                  ? CheckResult.pass(what + " answered " + status, clock.instant())
                  : CheckResult.fail(what + " answered " + status + ", expected " + settings.matcher().text(),
                      clock.instant());
            } else {
              Throwable failure = result.getFailure();
              outcome = CheckResult.fail(failure instanceof TimeoutException
                  ? what + " timed out after " + settings.timeout().toSeconds() + " s"
                  : what + " failed: " + message(failure), clock.instant());
            }
            done(pool, target, outcome);
          });
    } catch (RuntimeException e) {
      done(pool, target, CheckResult.fail(what + " failed: " + message(e), clock.instant()));
    }
  }

  private void tcpCheck(TargetPool pool, Target target, TargetGroupSettings settings) {
    AsynchronousSocketChannel channel;
    try {
      channel = AsynchronousSocketChannel.open();
    } catch (IOException e) {
      done(pool, target, CheckResult.fail("TCP connect failed: " + message(e), clock.instant()));
      return;
    }
    AtomicBoolean finished = new AtomicBoolean();
    scanner.schedule(() -> {
      if (finished.compareAndSet(false, true)) {
        close(channel);
        done(pool, target, CheckResult.fail("TCP connect timed out after " + settings.timeout().toSeconds() + " s",
            clock.instant()));
      }
    }, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    channel.connect(new InetSocketAddress(target.address.getAddress(), target.address.getPort()), null,
        new CompletionHandler<Void, Void>() {
          @Override
          public void completed(Void result, Void attachment) {
            if (finished.compareAndSet(false, true)) {
              close(channel);
              done(pool, target, CheckResult.pass("TCP connect succeeded", clock.instant()));
            }
          }

          @Override
          public void failed(Throwable failure, Void attachment) {
            if (finished.compareAndSet(false, true)) {
              close(channel);
              done(pool, target, CheckResult.fail("TCP connect failed: " + message(failure), clock.instant()));
            }
          }
        });
  }

  private static void done(TargetPool pool, Target target, CheckResult result) {
    try {
      pool.checked(target, result);
    } finally {
      target.checking.set(false);
    }
  }

  private static void close(AsynchronousSocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // the check is over either way
    }
  }

  private static String message(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    scanner.shutdownNow();
  }
}
