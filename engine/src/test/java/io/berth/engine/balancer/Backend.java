package io.berth.engine.balancer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback standing in for a task: {@code /} answers its name, {@code /health}
 * answers {@link #healthStatus}, {@code /slow} answers once {@link #release} is counted down,
 * {@code /status/N} answers N.
 */
final class Backend implements AutoCloseable {
  final String name;
  final HttpServer server;
  final AtomicInteger healthStatus = new AtomicInteger(200);
  final AtomicInteger served = new AtomicInteger();
  final CountDownLatch release = new CountDownLatch(1);
  final CountDownLatch slowArrived = new CountDownLatch(1);

  Backend(String name) {
    this.name = name;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/echo", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/big", exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked
      byte[] block = new byte[64 * 1024];
      java.util.Arrays.fill(block, (byte) 'x');
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 128; i++) {
          out.write(block);
        }
      }
    });
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      int status = 200;
      String body = name;
      if (path.equals("/health")) {
        status = healthStatus.get();
        body = "health";
      } else if (path.equals("/slow")) {
        slowArrived.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else if (path.startsWith("/status/")) {
        status = Integer.parseInt(path.substring("/status/".length()));
      }
      if (!path.equals("/health")) {
        served.incrementAndGet();
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  TargetSpec target() {
    return new TargetSpec("task-" + name, address());
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
