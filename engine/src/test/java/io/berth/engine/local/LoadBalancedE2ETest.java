package io.berth.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.github.dockerjava.api.DockerClient;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.balancer.ListenerView;
import io.berth.engine.balancer.TargetHealthState;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.scheduler.deployment.RolloutState;
import io.berth.engine.server.ClusterStatus;
import io.berth.engine.server.ServiceView;
import io.berth.engine.server.StateRepoFixture;
import io.berth.engine.server.TaskRecord;
import io.berth.engine.task.TaskStatus;
import io.berth.engine.testing.LoadClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code berth up} with three simulated hosts at 127.0.0.2-4 running six web tasks behind an HTTP
 * load balancer on loopback: the listener spreads requests over all six (each answers its own task
 * id), and a rolling deployment and a scale-in fail no request of two clients, one opening a new
 * connection per request and one keeping its connection alive. The host-kill case runs against
 * separate processes (cli.SeparateProcessesE2ETest).
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancedE2ETest {
  static final TypeReference<List<TaskRecord>> TASKS = new TypeReference<>() {};
  static final String LOAD_BALANCER = ",\"loadBalancers\":[{\"containerName\":\"web\",\"containerPort\":8080,"
      + "\"listenerPort\":%d,\"healthCheck\":{\"path\":\"/health\",\"intervalSeconds\":5,\"timeoutSeconds\":2,"
      + "\"healthyThresholdCount\":2,\"unhealthyThresholdCount\":2},\"deregistrationDelaySeconds\":20}]";

  DockerClient docker;
  Path work;
  StateRepoFixture state;
  LocalCluster cluster;
  ControlPlaneClient admin;
  int listenerPort;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  void startCluster() throws Exception {
    docker = DockerEngine.connect();
    ExampleImages.buildIfAbsent(docker);
    work = Files.createTempDirectory("berth-lb-e2e");
    state = new StateRepoFixture(work.resolve(".berth/state"));
    try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listenerPort = probe.getLocalPort();
    }
    cluster = LocalCluster.start(new LocalCluster.Options(work, work.resolve(".berth/state"), 0, 3,
        List.of("zone-a", "zone-b", "zone-c"), 2048, 4096, Duration.ofSeconds(2), Duration.ofMillis(300), Map.of(),
        Duration.ZERO, "127.0.0.1"));
    admin = new ControlPlaneClient(cluster.uri(), cluster.upFile().adminToken());
  }

  @AfterAll
  void stopCluster() throws Exception {
    String clusterId = cluster.upFile().clusterId();
    cluster.close();
    var left = docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LocalCluster.UP_LABEL, clusterId)).exec();
    state.close();
    docker.close();
    assertThat(left).as("containers left behind").isEmpty();
  }

  @Test
  @Order(1)
  void sixTasksOnThreeHostsAnswerThroughTheListenerEachWithItsOwnId() throws Exception {
    state.taskDefinition("web", 1, ExampleImages.WEBAPP_1, "")
        .service("web", "web", 6, 100, 200, true, LOAD_BALANCER.formatted(listenerPort)).commit();
    awaitSteady("web:1", 6);

    Map<String, Long> perHost = wanted().stream().collect(Collectors.groupingBy(
        t -> t.containers().get(0).networkBindings().get(0).bindIP(), Collectors.counting()));
    assertThat(perHost).as("two tasks published on each host's own address")
        .isEqualTo(Map.of("127.0.0.2", 2L, "127.0.0.3", 2L, "127.0.0.4", 2L));
    Map<String, Integer> answers = new HashMap<>();
    for (int i = 0; i < 60; i++) {
      HttpResponse<String> response = get("/task");
      assertThat(response.statusCode()).isEqualTo(200);
      answers.merge(response.body().strip(), 1, Integer::sum);
    }
    Set<String> ids = wanted().stream().map(TaskRecord::taskId).collect(Collectors.toSet());
    System.out.println("load balancer spread: requests per task " + answers);
    assertThat(answers.keySet()).as("every task answered, and only tasks").isEqualTo(ids);
    assertThat(answers.values()).allSatisfy(n -> assertThat(n).isEqualTo(10));

    ListenerView listener = service().loadBalancers().get(0);
    assertThat(listener.listener()).isEqualTo("127.0.0.1:" + listenerPort);
    assertThat(listener.targets()).hasSize(6).allSatisfy(t -> {
      assertThat(t.state()).isEqualTo(TargetHealthState.HEALTHY);
      assertThat(t.address()).matches("127\\.0\\.0\\.[234]:\\d+");
      assertThat(t.lastCheck()).isEqualTo("passed: GET /health answered 200");
    });
    assertThat(listener.counts().status2xx()).isGreaterThanOrEqualTo(60);
  }

  @Test
  @Order(2)
  void aRollingDeploymentFailsNoRequest() throws Exception {
    Set<String> before = wanted().stream().map(TaskRecord::taskId).collect(Collectors.toSet());
    try (LoadClient fresh = new LoadClient(uri("/task"), true); LoadClient kept = new LoadClient(uri("/task"), false)) {
      Thread.sleep(1000);
      long start = System.nanoTime();
      state.taskDefinition("web", 2, ExampleImages.WEBAPP_2, "").commit();
      awaitSteady("web:2", 6);
      await(Duration.ofSeconds(60), () -> tasks().stream().filter(t -> before.contains(t.taskId()))
          .allMatch(t -> t.lastStatus() == TaskStatus.STOPPED), "every old task to stop");
      Thread.sleep(1000);
      fresh.close();
      kept.close();
      report("rolling deployment", start, fresh, kept);
      assertThat(fresh.failuresSince(start)).as("new connection per request").isEmpty();
      assertThat(kept.failuresSince(start)).as("keep-alive").isEmpty();
      assertThat(fresh.requestsSince(start)).isGreaterThan(50);
      assertThat(kept.requestsSince(start)).isGreaterThan(50);
    }
    Set<String> served = wanted().stream().map(TaskRecord::taskId).collect(Collectors.toSet());
    assertThat(served).doesNotContainAnyElementsOf(before);
  }

  @Test
  @Order(3)
  void aScaleInFailsNoRequest() throws Exception {
    try (LoadClient fresh = new LoadClient(uri("/task"), true); LoadClient kept = new LoadClient(uri("/task"), false)) {
      Thread.sleep(1000);
      long start = System.nanoTime();
      state.service("web", "web", 3, 100, 200, true, LOAD_BALANCER.formatted(listenerPort)).commit();
      await(Duration.ofSeconds(60), () -> tasks().stream().filter(TaskRecord::alive).count() == 3
          && service().healthyCount() == 3, "the service to run three tasks");
      Thread.sleep(1000);
      fresh.close();
      kept.close();
      report("scale-in", start, fresh, kept);
      assertThat(fresh.failuresSince(start)).as("new connection per request").isEmpty();
      assertThat(kept.failuresSince(start)).as("keep-alive").isEmpty();
    }
    assertThat(admin.getText("/v1/events")).contains("(service web) has begun draining connections on");
  }

  private static void report(String what, long start, LoadClient fresh, LoadClient kept) {
    System.out.println(what + ": new-connection client " + fresh.requestsSince(start) + " requests, "
        + fresh.failuresSince(start).size() + " failed " + fresh.failuresSince(start) + "; keep-alive client "
        + kept.requestsSince(start) + " requests, " + kept.failuresSince(start).size() + " failed "
        + kept.failuresSince(start));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + listenerPort + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void awaitSteady(String taskDefinition, int count) throws InterruptedException {
    await(Duration.ofSeconds(120), () -> {
      ServiceView view = service();
      return view.settled() && view.healthyCount() == count && view.runningCount() == count
          && view.deployments().get(0).taskDefinition().equals(taskDefinition)
          && view.deployments().get(0).rolloutState() == RolloutState.COMPLETED;
    }, taskDefinition + " to run " + count + " healthy tasks");
  }

  private void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // ask again
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; services: "
        + admin.getText("/v1/services") + "\nevents: " + admin.getText("/v1/events"));
  }

  private ServiceView service() {
    return admin.get("/v1/status", ClusterStatus.class).services().get(0);
  }

  private List<TaskRecord> tasks() {
    return admin.get("/v1/tasks", TypeFactory.defaultInstance().constructType(TASKS));
  }

  private List<TaskRecord> wanted() {
    return tasks().stream().filter(TaskRecord::wanted).collect(Collectors.toList());
  }
}
