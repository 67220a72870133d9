package io.berth.engine.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.engine.api.ApiError;
import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.DesiredStatus;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.RegisterInstanceResponse;
import io.berth.engine.api.SecretValue;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.api.SyncResponse;
import io.berth.json.BerthJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal control plane over real HTTP (the JDK's server on 127.0.0.1) that plays the wire
 * contract for agent tests: registration, level-triggered sync with a desired set the test sets,
 * and secrets. It records every request body so tests can check what the agent sent.
 */
final class FakeControlPlane implements AutoCloseable {
  static final String TOKEN = "join-token-for-tests";

  private final HttpServer server;
  private final AtomicInteger ids = new AtomicInteger();
  /**
   * Unique per fake: agents remove containers of their own instance id that they do not know, so two
   * test runs on one Docker engine (parallel builds) must never hand out the same instance id.
   */
  private final String idPrefix = "i-fake-" + Long.toHexString(System.nanoTime() ^ ProcessHandle.current().pid()) + "-";
  private final Map<String, AssignedTask> desired = new ConcurrentHashMap<>();
  private final Map<String, ObservedTask> observed = new ConcurrentHashMap<>();
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  final List<RegisterInstanceRequest> registrations = new CopyOnWriteArrayList<>();
  final List<String> requestBodies = new CopyOnWriteArrayList<>();
  final AtomicInteger syncs = new AtomicInteger();
  final AtomicInteger unauthorized = new AtomicInteger();
  /** With {@link #indexed}: answers that told the agent its assignment is unchanged. */
  final AtomicInteger unchangedAnswers = new AtomicInteger();
  /** Whether syncs carry the assignment's index and honour {@code known=} (off: an older control plane). */
  volatile boolean indexed;
  private final AtomicLong version = new AtomicLong(1);

  FakeControlPlane() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void assign(AssignedTask task) {
    desired.put(task.taskId(), task);
    version.incrementAndGet();
  }

  void stopTask(String taskId) {
    desired.computeIfPresent(taskId, (id, task) -> task.withDesiredStatus(DesiredStatus.STOPPED));
    version.incrementAndGet();
  }

  void unassign(String taskId) {
    desired.remove(taskId);
    version.incrementAndGet();
  }

  void secret(String name, String value) {
    secrets.put(name, value);
  }

  Optional<ObservedTask> observed(String taskId) {
    return Optional.ofNullable(observed.get(taskId));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        unauthorized.incrementAndGet();
        answer(exchange, 401, new ApiError("missing or wrong token", "use the join token"));
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      requestBodies.add(new String(body, StandardCharsets.UTF_8));
      if (path.equals("/v1/instances")) {
        RegisterInstanceRequest request = BerthJson.mapper().readValue(body, RegisterInstanceRequest.class);
        registrations.add(request);
        String id = request.instanceId().orElseGet(() -> idPrefix + ids.incrementAndGet());
        answer(exchange, 200, new RegisterInstanceResponse(id, 200));
      } else if (path.startsWith("/v1/instances/") && path.endsWith("/sync")) {
        SyncRequest request = BerthJson.mapper().readValue(body, SyncRequest.class);
        syncs.incrementAndGet();
        request.tasks().forEach(t -> observed.put(t.taskId(), t));
        long current = version.get();
        String query = exchange.getRequestURI().getRawQuery();
        if (indexed) {
          exchange.getResponseHeaders().set("X-Berth-Index", Long.toString(current));
        }
        if (indexed && query != null && Arrays.asList(query.split("&")).contains("known=" + current)) {
          unchangedAnswers.incrementAndGet();
          answer(exchange, 200, SyncResponse.UNCHANGED);
        } else {
          answer(exchange, 200, new SyncResponse(new ArrayList<>(desired.values())));
        }
      } else if (path.startsWith("/v1/secrets/")) {
        String name = URLDecoder.decode(path.substring("/v1/secrets/".length()), StandardCharsets.UTF_8);
        String bare = name.startsWith("secret/") ? name.substring(7) : name;
        String value = secrets.get(bare);
        if (value == null) {
          answer(exchange, 403, new ApiError("task may not read secret " + bare, "allow secrets:Read"));
        } else {
          answer(exchange, 200, new SecretValue(bare, value));
        }
      } else {
        answer(exchange, 404, new ApiError("no route " + path, "check the URL"));
      }
    }
  }

  private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = BerthJson.mapper().writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
