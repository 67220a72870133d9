package io.berth.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.berth.engine.api.ControlPlaneClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose registration keeps failing while its tasks keep changing backs off: each change
 * wakes the sync thread, but a failed exchange is retried only after the back-off.
 */
class SyncLoopBackOffTest {
  @TempDir Path temp;

  @Test
  void aPendingReportDoesNotCutABackOffShort() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    HttpServer refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    refusing.createContext("/", exchange -> {
      attempts.incrementAndGet();
      byte[] body = "{\"error\":\"not now\",\"fix\":\"wait\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    refusing.start();
    URI server = URI.create("http://127.0.0.1:" + refusing.getAddress().getPort());
    AgentConfig config = new AgentConfig(server, "join", "default", "zone-a", Map.of(), OptionalInt.of(1024),
        OptionalInt.of(1024), temp, Optional.of(Duration.ofMillis(200)), Duration.ofSeconds(1), "host-a", Map.of(),
        Duration.ZERO, Optional.of("127.0.0.2"), Optional.empty());
    SyncLoop loop = new SyncLoop(config, new ControlPlaneClient(server, "join"), new DataDir(temp), new AssignmentMailbox(),
        List::of, () -> { });
    loop.begin();
    Thread thread = new Thread(loop, "sync-under-test");
    thread.start();
    try {
      // a task changing state all the time: each change asks for a sync at once
      long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (System.nanoTime() < end) {
        loop.wake();
        Thread.sleep(1);
      }
    } finally {
      loop.stop();
      thread.join(10_000);
      refusing.stop(0);
    }
    assertThat(thread.isAlive()).as("the sync thread ends when stopped, back-off or not").isFalse();
    // back-off from 200 ms doubling: about 4 attempts in 3 s; a loop cut short by every change made thousands
    assertThat(attempts.get()).isBetween(1, 20);
  }
}
