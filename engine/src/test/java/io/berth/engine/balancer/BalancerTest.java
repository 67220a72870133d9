package io.berth.engine.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.model.TargetGroupProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load balancer for real: Jetty listeners on loopback in front of real HTTP servers, checked,
 * counted, drained, and skipping targets that refuse connections.
 */
class BalancerTest {
  final Balancer balancer = new Balancer("127.0.0.1", Clock.systemUTC());
  final List<Backend> backends = new ArrayList<>();
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void tearDown() {
    balancer.close();
    backends.forEach(Backend::close);
  }

  static TargetGroupSettings settings(Optional<String> path, String matcher, int healthy, int unhealthy) {
    return new TargetGroupSettings(TargetGroupProtocol.HTTP, path, StatusMatcher.parse(matcher), Duration.ofMillis(300),
        Duration.ofMillis(250), healthy, unhealthy, Duration.ofSeconds(30));
  }

  Backend backend(String name) {
    Backend backend = new Backend(name);
    backends.add(backend);
    return backend;
  }

  static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void requestsGoRoundRobinToHealthyTargetsAndAreCountedPerTargetAndStatusClass() throws Exception {
    int port = freePort();
    Backend a = backend("a");
    Backend b = backend("b");
    assertThat(balancer.listen(port, "default", "web", settings(Optional.of("/health"), "200", 2, 2))).isEmpty();
    balancer.targets(port, List.of(a.target(), b.target()), Set.of());
    await(() -> balancer.state("task-a") == TargetHealthState.HEALTHY && balancer.state("task-b") == TargetHealthState.HEALTHY,
        "both targets to pass their first check");

    Map<String, Integer> answers = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      answers.merge(get(port, "/").body(), 1, Integer::sum);
    }
    assertThat(get(port, "/status/404").statusCode()).isEqualTo(404);
    assertThat(get(port, "/status/503").statusCode()).isEqualTo(503);

    assertThat(answers).containsEntry("a", 5).containsEntry("b", 5);
    ListenerView view = balancer.view(port).orElseThrow();
    assertThat(view.counts().requests()).isEqualTo(12);
    assertThat(view.counts().status2xx()).isEqualTo(10);
    assertThat(view.counts().status4xx()).isEqualTo(1);
    assertThat(view.counts().status5xx()).isEqualTo(1);
    assertThat(view.counts().p99Millis()).isPositive();
    assertThat(view.targets()).extracting(t -> t.counts().requests()).containsExactly(6L, 6L);
    assertThat(view.healthCheck()).isEqualTo("GET /health (200)");
    assertThat(balancer.requestsPerTarget(port)).hasValue(6.0);
  }

  @Test
  void aTargetFailingItsHealthCheckGetsNoRequestsAndSaysWhy() throws Exception {
    int port = freePort();
    Backend good = backend("good");
    Backend bad = backend("bad");
    bad.healthStatus.set(503);
    balancer.listen(port, "default", "web", settings(Optional.of("/health"), "200-299", 2, 2));
    balancer.targets(port, List.of(good.target(), bad.target()), Set.of());
    await(() -> balancer.state("task-good") == TargetHealthState.HEALTHY, "the good target to pass");

    for (int i = 0; i < 6; i++) {
      assertThat(get(port, "/").body()).isEqualTo("good");
    }
    await(() -> balancer.state("task-bad") == TargetHealthState.UNHEALTHY, "the bad target to turn unhealthy");
    TargetView bad503 = balancer.view(port).orElseThrow().targets().stream().filter(t -> t.taskId().equals("task-bad"))
        .findFirst().orElseThrow();
    assertThat(bad503.reason()).contains("no passing health check").contains("GET /health answered 503, expected 200-299");
    assertThat(bad.served.get()).isZero();
    assertThat(balancer.takeEvents()).extracting(BalancerEvent::message)
        .anySatisfy(m -> assertThat(m).contains("task-bad").contains("is unhealthy").contains("answered 503"));
  }

  @Test
  void aLeavingTargetGetsNoNewRequestsAndIsDrainedOnceItsRequestsFinish() throws Exception {
    int port = freePort();
    Backend leaving = backend("leaving");
    Backend staying = backend("staying");
    balancer.listen(port, "default", "web", settings(Optional.empty(), "200", 2, 2));
    balancer.targets(port, List.of(leaving.target()), Set.of());
    await(() -> balancer.state("task-leaving") == TargetHealthState.HEALTHY, "the first target to pass");
    CompletableFuture<HttpResponse<String>> slow = client.sendAsync(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(leaving.slowArrived.await(5, TimeUnit.SECONDS)).isTrue();

    balancer.targets(port, List.of(staying.target()), Set.of("task-leaving"));
    await(() -> balancer.state("task-staying") == TargetHealthState.HEALTHY, "the new target to pass");

    assertThat(balancer.state("task-leaving")).isEqualTo(TargetHealthState.DRAINING);
    assertThat(balancer.drained("task-leaving")).as("a request is still in flight").isFalse();
    for (int i = 0; i < 5; i++) {
      assertThat(get(port, "/").body()).isEqualTo("staying");
    }
    leaving.release.countDown();
    assertThat(slow.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    await(() -> balancer.drained("task-leaving"), "the leaving target to drain");
    assertThat(balancer.drained("task-staying")).isFalse();
  }

  @Test
  void aNewTargetGetsNoRequestsBeforeItsFirstPassingCheck() throws Exception {
    int port = freePort();
    Backend old = backend("old");
    Backend starting = backend("starting");
    starting.healthStatus.set(500);
    balancer.listen(port, "default", "web", settings(Optional.of("/health"), "200", 2, 2));
    balancer.targets(port, List.of(old.target()), Set.of());
    await(() -> balancer.state("task-old") == TargetHealthState.HEALTHY, "the old target to pass");
    balancer.targets(port, List.of(old.target(), starting.target()), Set.of());

    for (int i = 0; i < 6; i++) {
      assertThat(get(port, "/").body()).isEqualTo("old");
    }
    assertThat(balancer.state("task-starting")).isEqualTo(TargetHealthState.INITIAL);
    starting.healthStatus.set(200);
    await(() -> balancer.state("task-starting") == TargetHealthState.HEALTHY, "the new target to pass");
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      bodies.add(get(port, "/").body());
    }
    assertThat(bodies).contains("starting", "old");
  }

  @Test
  void requestsSkipATargetThatRefusesConnectionsWhichTurnsUnhealthyAtOnce() throws Exception {
    int port = freePort();
    Backend alive = backend("alive");
    Backend dead = backend("dead");
    balancer.listen(port, "default", "web", settings(Optional.of("/health"), "200", 2, 2));
    balancer.targets(port, List.of(alive.target(), dead.target()), Set.of());
    await(() -> balancer.state("task-dead") == TargetHealthState.HEALTHY
        && balancer.state("task-alive") == TargetHealthState.HEALTHY, "both targets to pass");
    dead.close(); // the port now refuses connections

    for (int i = 0; i < 6; i++) {
      HttpResponse<String> response = get(port, "/");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("alive");
    }
    assertThat(balancer.state("task-dead")).isEqualTo(TargetHealthState.UNHEALTHY);
    assertThat(balancer.view(port).orElseThrow().targets()).filteredOn(t -> t.taskId().equals("task-dead"))
        .singleElement().satisfies(t -> assertThat(t.reason()).contains("2 requests in a row could not reach it"));
  }

  @Test
  void noTargetIsA503FromTheLoadBalancerAndATakenPortIsAProblemNamed() throws Exception {
    int port = freePort();
    balancer.listen(port, "default", "web", settings(Optional.empty(), "200", 2, 2));
    assertThat(get(port, "/").statusCode()).isEqualTo(503);
    assertThat(balancer.view(port).orElseThrow().counts().errors()).isEqualTo(1);

    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Optional<String> problem = balancer.listen(taken.getLocalPort(), "default", "other", settings(Optional.empty(), "200", 2, 2));
      assertThat(problem).hasValueSatisfying(p -> assertThat(p).containsIgnoringCase("already in use"));
      assertThat(balancer.view(taken.getLocalPort()).orElseThrow().problem()).isEqualTo(problem.get());
    }
  }

  @Test
  void bodiesStreamBothWaysAndHeadAnswersCarryNoBody() throws Exception {
    int port = freePort();
    Backend a = backend("stream");
    balancer.listen(port, "default", "web", settings(Optional.empty(), "200", 2, 2));
    balancer.targets(port, List.of(a.target()), Set.of());
    await(() -> balancer.state("task-stream") == TargetHealthState.HEALTHY, "the target to pass");
    byte[] upload = new byte[1024 * 1024];
    new java.util.Random(7).nextBytes(upload);

    HttpResponse<byte[]> echoed = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> chunkedUpload = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(upload))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> big = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/big")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(echoed.body()).isEqualTo(upload);
    assertThat(chunkedUpload.body()).as("a chunked request body").isEqualTo(upload);
    assertThat(big.body()).hasSize(8 * 1024 * 1024);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(get(port, "/").body()).as("the kept-alive connection still serves").isEqualTo("stream");
  }

  @Test
  void anAnswerEndedByItsTargetClosingReachesAKeepAliveClientWhole() throws Exception {
    int port = freePort();
    try (ServerSocket old = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        while (!old.isClosed()) {
          try (Socket s = old.accept()) {
            s.getInputStream().read(new byte[4096]);
            s.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nended by close"
                .getBytes(StandardCharsets.US_ASCII));
          } catch (IOException e) {
            return;
          }
        }
      });
      server.setDaemon(true);
      server.start();
      balancer.listen(port, "default", "old", settings(Optional.empty(), "200", 2, 2));
      balancer.targets(port, List.of(new TargetSpec("task-old", new java.net.InetSocketAddress(
          InetAddress.getLoopbackAddress(), old.getLocalPort()))), Set.of());
      await(() -> balancer.state("task-old") == TargetHealthState.HEALTHY, "the target to pass");

      assertThat(get(port, "/").body()).isEqualTo("ended by close");
      assertThat(get(port, "/").body()).isEqualTo("ended by close");
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    int port = freePort();
    Backend a = backend("piped");
    balancer.listen(port, "default", "web", settings(Optional.empty(), "200", 2, 2));
    balancer.targets(port, List.of(a.target()), Set.of());
    await(() -> balancer.state("task-piped") == TargetHealthState.HEALTHY, "the target to pass");

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.getOutputStream().write(("GET /status/201 HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /status/202 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

      assertThat(answers).startsWith("HTTP/1.1 201").contains("HTTP/1.1 202");
      assertThat(answers.indexOf("HTTP/1.1 201")).isLessThan(answers.indexOf("HTTP/1.1 202"));
    }
  }

  @Test
  void aTcpListenerForwardsConnectionsToHealthyTargets() throws Exception {
    int port = freePort();
    Backend a = backend("tcp-a");
    balancer.listen(port, "default", "raw", new TargetGroupSettings(TargetGroupProtocol.TCP, Optional.empty(),
        StatusMatcher.parse("200"), Duration.ofMillis(300), Duration.ofMillis(250), 2, 2, Duration.ofSeconds(1)));
    balancer.targets(port, List.of(a.target()), Set.of());
    await(() -> balancer.state("task-tcp-a") == TargetHealthState.HEALTHY, "the target to pass a TCP connect");

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 200").endsWith("tcp-a");
    }
    await(() -> balancer.view(port).orElseThrow().counts().requests() == 1, "the connection to be counted");
  }
}
