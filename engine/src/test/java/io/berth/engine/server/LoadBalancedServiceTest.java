package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.DesiredStatus;
import io.berth.engine.balancer.ListenerView;
import io.berth.engine.balancer.TargetHealthState;
import io.berth.engine.task.TaskStatus;
import io.berth.engine.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service behind an HTTP load balancer, on the real control plane with scripted agents whose
 * tasks are real HTTP servers on loopback: targets turn healthy before they get requests, a stopped
 * task is held until its target is drained, and the listener, its counts and its targets show in
 * the service's view.
 */
class LoadBalancedServiceTest {
  @TempDir Path temp;
  StateRepoFixture state;
  MutableClock clock = new MutableClock();
  ControlPlane plane;
  FakeAgent agent;
  int listenerPort;
  final CountDownLatch release = new CountDownLatch(1);
  /** The status every server's {@code /health} answers. */
  final java.util.concurrent.atomic.AtomicInteger health = new java.util.concurrent.atomic.AtomicInteger(200);
  final Map<Integer, String> servers = new HashMap<>();
  final List<HttpServer> started = new ArrayList<>();
  final Deque<Integer> free = new ArrayDeque<>();
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() throws Exception {
    state = new StateRepoFixture(temp.resolve("state.git"));
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listenerPort = probe.getLocalPort();
    }
    for (int i = 0; i < 3; i++) {
      free.add(server("server-" + i));
    }
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    if (plane != null) {
      plane.close();
    }
    started.forEach(s -> s.stop(0));
    state.close();
  }

  /** A task's server: {@code /} answers its name, {@code /slow} once {@link #release} is counted down. */
  private int server(String name) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      if (exchange.getRequestURI().getPath().equals("/slow")) {
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = name.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/health") ? health.get() : 200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    started.add(server);
    servers.put(server.getAddress().getPort(), name);
    return server.getAddress().getPort();
  }

  void cycle(int times) {
    for (int i = 0; i < times; i++) {
      agent.sync();
      clock.advance(Duration.ofSeconds(1));
      plane.tick();
    }
  }

  void cycleUntil(BooleanSupplier condition, String what) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      cycle(1);
      Thread.sleep(50); // the health checks run on the load balancer's own thread
    }
    throw new AssertionError("never: " + what + "; events: " + plane.events(0));
  }

  List<TaskRecord> wanted() {
    return plane.snapshot().tasks().values().stream().filter(TaskRecord::wanted).toList();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listenerPort + path))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void declare(int count) throws IOException {
    declare(count, "/");
  }

  private void declare(int count, String checkPath) throws IOException {
    state.taskDefinition("web", 1, "webapp:1", "")
        .service("web", "web", count, 100, 200, true, ",\"loadBalancers\":[{\"containerName\":\"web\","
            + "\"containerPort\":8080,\"listenerPort\":" + listenerPort + ",\"healthCheck\":{\"path\":\"" + checkPath
            + "\",\"intervalSeconds\":5},\"deregistrationDelaySeconds\":60}],\"healthCheckGracePeriodSeconds\":20")
        .commit();
  }

  void startPlane() {
    plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), "join-t",
        "admin-t", Map.of(), Duration.ofMillis(100), Duration.ofHours(1),
        new ReconcileSettings(Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofMinutes(15))), clock);
    agent = new FakeAgent(plane.uri(), "join-t", "zone-a", Optional.empty());
    agent.ports = free::poll;
  }

  @Test
  void aListenerPortAlreadyTakenIsAnEventAndAProblemNamingTheFix() throws Exception {
    try (ServerSocket taken = new ServerSocket(listenerPort, 1, InetAddress.getLoopbackAddress())) {
      declare(1);
      startPlane();
      cycleUntil(() -> plane.events(0).stream().anyMatch(e -> e.message().contains("cannot listen")), "the listener's problem");

      assertThat(plane.events(0)).extracting(ServiceEventRecord::message).anySatisfy(m -> assertThat(m)
          .startsWith("(service web) cannot listen on 127.0.0.1:" + listenerPort + " for its load balancer: ")
          .containsIgnoringCase("address already in use")
          .endsWith("; choose a free listenerPort (or stop what uses the port) and apply again."));
      assertThat(plane.status().services().get(0).loadBalancers().get(0).problem()).containsIgnoringCase("already in use");
    }
  }

  @Test
  void requestsPerTargetFromTheListenerDriveARequestCountPolicy() throws Exception {
    state.scaling("web", """
        "minCapacity":1,"maxCapacity":3,"targetTracking":[{"policyName":"requests","metric":"ALBRequestCountPerTarget",
         "targetValue":10.0,"scaleOutCooldown":60,"scaleInCooldown":300,"disableScaleIn":false}]""");
    declare(1);
    startPlane();
    cycleUntil(() -> wanted().size() == 1 && wanted().get(0).targetHealthy(), "one healthy target");

    for (int i = 0; i < 25; i++) {
      assertThat(get("/").statusCode()).isEqualTo(200);
    }
    cycleUntil(() -> plane.status().services().get(0).desiredCount() == 3, "the policy to scale out");

    assertThat(plane.status().services().get(0).loadBalancers().get(0).requestsPerTargetLastMinute()).isPositive();
    assertThat(plane.events(0)).extracting(ServiceEventRecord::message).anySatisfy(m -> assertThat(m)
        .contains("(service web) scaled desired count from 1 to 3: requests per target 25 above target 10"));
  }

  @Test
  void aTargetThatNeverTurnsHealthySaysWhyInTheViewAndTheEventsAndItsTaskIsReplaced() throws Exception {
    health.set(503);
    declare(1, "/health");
    startPlane();

    cycleUntil(() -> plane.snapshot().tasks().values().stream().anyMatch(t -> t.targetHealth() == TargetHealthState.UNHEALTHY),
        "the target to turn unhealthy");
    var target = plane.status().services().get(0).loadBalancers().get(0).targets().get(0);
    assertThat(target.reason()).isEqualTo("no passing health check in 10 s; last: GET /health answered 503, expected 200");
    assertThat(plane.status().services().get(0).healthyCount()).isZero();
    assertThat(plane.events(0)).extracting(ServiceEventRecord::message).anySatisfy(m -> assertThat(m)
        .contains("(service web) target 127.0.0.1:").contains("is unhealthy: no passing health check in 10 s; last: GET"
            + " /health answered 503, expected 200; it gets no requests until 5 health checks in a row pass."));
    assertThat(target.lastCheck()).isEqualTo("failed: GET /health answered 503, expected 200");
    assertThat(get("/").statusCode()).as("fail-open: the only targets are unhealthy ones").isEqualTo(200);
    cycleUntil(() -> plane.snapshot().tasks().size() > 1, "the unhealthy task to be replaced after the grace period");
  }

  @Test
  void aStoppedTaskKeepsRunningUntilItsTargetIsDrainedAndNoRequestFails() throws Exception {
    declare(2);
    startPlane();

    cycleUntil(() -> wanted().size() == 2 && wanted().stream().allMatch(t -> t.targetHealth() == TargetHealthState.HEALTHY),
        "both targets healthy");
    assertThat(plane.status().services().get(0).healthyCount()).isEqualTo(2);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      bodies.add(get("/").body());
    }
    assertThat(bodies).as("spread over both tasks").containsOnly("server-0", "server-1").contains("server-0", "server-1");

    // One slow request on each task, then scale in to one task.
    List<CompletableFuture<HttpResponse<String>>> slow = List.of(
        http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listenerPort + "/slow")).build(),
            HttpResponse.BodyHandlers.ofString()),
        http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listenerPort + "/slow")).build(),
            HttpResponse.BodyHandlers.ofString()));
    cycleUntil(() -> plane.status().services().get(0).loadBalancers().get(0).targets().stream()
        .allMatch(t -> t.inFlight() == 1), "a slow request in flight on each target");
    declare(1);
    cycleUntil(() -> plane.snapshot().tasks().values().stream().anyMatch(TaskRecord::drainHold), "a held stop");
    TaskRecord victim = plane.snapshot().tasks().values().stream().filter(TaskRecord::drainHold).findFirst().orElseThrow();

    cycle(5);
    TaskRecord held = plane.snapshot().tasks().get(victim.taskId());
    assertThat(held.desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
    assertThat(held.lastStatus()).as("its agent was not told to stop it yet").isEqualTo(TaskStatus.RUNNING);
    assertThat(held.targetHealth()).isEqualTo(TargetHealthState.DRAINING);
    String remaining = servers.get(wanted().get(0).containers().get(0).networkBindings().get(0).hostPort());
    for (int i = 0; i < 4; i++) {
      assertThat(get("/").body()).as("no new request goes to the leaving task").isEqualTo(remaining);
    }

    release.countDown();
    for (CompletableFuture<HttpResponse<String>> request : slow) {
      assertThat(request.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    cycleUntil(() -> plane.snapshot().tasks().get(victim.taskId()).lastStatus() == TaskStatus.STOPPED,
        "the drained task to stop");
    assertThat(plane.events(0)).extracting(ServiceEventRecord::message)
        .anySatisfy(m -> assertThat(m).isEqualTo("(service web) has begun draining connections on 1 tasks."));
    ListenerView listener = plane.status().services().get(0).loadBalancers().get(0);
    assertThat(listener.listener()).isEqualTo("127.0.0.1:" + listenerPort);
    assertThat(listener.protocol()).isEqualTo("HTTP");
    assertThat(listener.counts().requests()).isEqualTo(10);
    assertThat(listener.counts().status2xx()).isEqualTo(10);
    assertThat(listener.counts().errors()).isZero();
    String json = new ControlPlaneClient(plane.uri(), "admin-t").getText("/v1/services");
    assertThat(json).contains("\"loadBalancers\"").contains("\"listener\": \"127.0.0.1:" + listenerPort + "\"");
  }
}
