package io.berth.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.docker.BerthLabels;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.scheduler.deployment.RolloutState;
import io.berth.engine.server.ClusterStatus;
import io.berth.engine.server.ServiceView;
import io.berth.engine.server.StateRepoFixture;
import io.berth.engine.server.TaskRecord;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * {@code berth up} for real: a control plane and three agents on the local Docker engine run a
 * three-task web service behind Berth's load balancer through its life: first deploy, a killed
 * container, a rolling image change, a broken image that trips the circuit breaker, an agent
 * restart and a control plane restart in the middle of a deployment. The steps share one cluster
 * to keep the run short. (dependsOn order and stopTimeout are covered by the agent's TaskRunTest.)
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterE2ETest {
  static final TypeReference<List<TaskRecord>> TASKS = new TypeReference<>() {};

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
    work = Files.createTempDirectory("berth-e2e");
    state = new StateRepoFixture(work.resolve(".berth/state"));
    cluster = LocalCluster.start(new LocalCluster.Options(work, work.resolve(".berth/state"), 0, 3,
        List.of("zone-a", "zone-b", "zone-c"), 2048, 4096, Duration.ofSeconds(2), Duration.ofMillis(300), Map.of()));
    admin = new ControlPlaneClient(cluster.uri(), cluster.upFile().adminToken());
    try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listenerPort = probe.getLocalPort();
    }
  }

  @AfterAll
  void stopCluster() throws Exception {
    String clusterId = cluster.upFile().clusterId();
    cluster.close();
    List<Container> left = docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(LocalCluster.UP_LABEL, clusterId)).exec();
    state.close();
    docker.close();
    assertThat(left).as("containers left behind by berth down").isEmpty();
    assertThat(UpFile.path(work)).doesNotExist();
  }

  @Test
  @Order(1)
  void deploysThreeTasksAndEachPublishedPortAnswers200() throws Exception {
    state.taskDefinition("webapp", 1, ExampleImages.WEBAPP_1, "")
        .service("webapp", "webapp", 3, 50, 200, true,
            ",\"loadBalancers\":[{\"containerName\":\"web\",\"containerPort\":8080,\"listenerPort\":" + listenerPort + "}]")
        .commit();

    awaitSteady("webapp:1");

    List<TaskRecord> tasks = wanted();
    assertThat(tasks).hasSize(3).allSatisfy(t -> assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING));
    assertThat(tasks.stream().map(TaskRecord::instanceId).distinct()).hasSize(3);
    assertThat(tasks).extracting(t -> t.containers().get(0).networkBindings().get(0).bindIP())
        .as("each simulated host publishes on its own address").containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3", "127.0.0.4");
    for (TaskRecord task : tasks) {
      assertThat(get(task)).isEqualTo(200);
    }
    await(Duration.ofSeconds(10), () -> throughLoadBalancer().statusCode() == 200, "the load balancer to answer");
  }

  @Test
  @Order(2)
  void aKilledEssentialContainerIsReplacedAndTheServiceIsSteadyAgain() throws Exception {
    TaskRecord victim = wanted().get(0);
    docker.killContainerCmd(victim.containers().get(0).dockerId()).exec();

    await(Duration.ofSeconds(60), () -> wanted().size() == 3 && wanted().stream().noneMatch(t -> t.taskId().equals(victim.taskId()))
        && service().healthyCount() == 3, "the killed task to be replaced");

    assertThat(task(victim.taskId()).lastStatus()).isEqualTo(TaskStatus.STOPPED);
    for (TaskRecord task : wanted()) {
      assertThat(get(task)).isEqualTo(200);
    }
  }

  @Test
  @Order(3)
  void anImageChangeRollsOutWithoutDroppingBelowMinimumHealthy() throws Exception {
    state.taskDefinition("webapp", 2, ExampleImages.WEBAPP_2, "").commit();
    List<Integer> healthy = new ArrayList<>();

    await(Duration.ofSeconds(90), () -> {
      ServiceView view = service();
      healthy.add(view.healthyCount());
      return isSteady(view, "webapp:2");
    }, "the rollout to webapp:2");

    assertThat(healthy).as("healthy tasks sampled during the rollout (minimum healthy 50%% of 3 = 2)")
        .hasSizeGreaterThan(3).allSatisfy(h -> assertThat(h).isGreaterThanOrEqualTo(2));
    assertThat(wanted()).hasSize(3).allSatisfy(t -> assertThat(t.revision()).isEqualTo(2));
    for (TaskRecord task : wanted()) {
      assertThat(body(task)).contains("v2");
    }
    await(Duration.ofSeconds(10), () -> throughLoadBalancer().body().contains("v2"), "the load balancer to serve v2");
  }

  @Test
  @Order(4)
  void aBrokenImageTripsTheCircuitBreakerAndRollsBack() throws Exception {
    state.taskDefinition("webapp", 3, ExampleImages.BROKEN, "").commit();

    await(Duration.ofSeconds(120), () -> {
      ServiceView view = service();
      return view.failed() && view.settled() && view.healthyCount() == 3;
    }, "the circuit breaker to roll back to webapp:2");

    ServiceView view = service();
    assertThat(view.deployments().get(0).taskDefinition()).isEqualTo("webapp:2");
    assertThat(view.deployments().get(0).rolloutState()).isEqualTo(RolloutState.COMPLETED);
    assertThat(view.deployments()).anySatisfy(d -> {
      assertThat(d.taskDefinition()).isEqualTo("webapp:3");
      assertThat(d.rolloutState()).isEqualTo(RolloutState.FAILED);
    });
    for (TaskRecord task : wanted()) {
      assertThat(body(task)).contains("v2");
    }
  }

  @Test
  @Order(5)
  void aRestartedAgentReadoptsItsContainersAndStartsNothingTwice() throws Exception {
    String instanceId = cluster.agents().get(0).instanceId().orElseThrow();
    Set<String> before = containerIds(instanceId);
    Set<String> tasksBefore = wanted().stream().map(TaskRecord::taskId).collect(Collectors.toSet());

    cluster.restartAgent(0);
    Thread.sleep(4000);

    assertThat(cluster.agents().get(0).instanceId()).contains(instanceId);
    assertThat(containerIds(instanceId)).isEqualTo(before);
    assertThat(wanted().stream().map(TaskRecord::taskId).collect(Collectors.toSet())).isEqualTo(tasksBefore);
    assertThat(service().healthyCount()).isEqualTo(3);
  }

  @Test
  @Order(6)
  void aControlPlaneKilledMidDeploymentCompletesItAfterRestart() throws Exception {
    state.taskDefinition("webapp", 4, ExampleImages.WEBAPP_1, "").commit();
    await(Duration.ofSeconds(60), () -> wanted().stream().anyMatch(t -> t.revision() == 4 && t.lastStatus() == TaskStatus.RUNNING),
        "the deployment of webapp:4 to start a task");
    Set<String> startedBefore = wanted().stream().filter(t -> t.revision() == 4).map(TaskRecord::taskId).collect(Collectors.toSet());

    cluster.restartControlPlane();

    awaitSteady("webapp:4");
    Set<String> finalTasks = wanted().stream().map(TaskRecord::taskId).collect(Collectors.toSet());
    assertThat(finalTasks).hasSize(3).containsAll(startedBefore);
    long berthContainers = docker.listContainersCmd().withLabelFilter(Map.of(LocalCluster.UP_LABEL, cluster.upFile().clusterId()))
        .exec().stream().filter(c -> "web".equals(c.getLabels().get(BerthLabels.CONTAINER))).count();
    assertThat(berthContainers).as("running web containers").isEqualTo(3);
  }

  private void awaitSteady(String taskDefinition) throws InterruptedException {
    await(Duration.ofSeconds(90), () -> isSteady(service(), taskDefinition), taskDefinition + " to reach a steady state");
  }

  private static boolean isSteady(ServiceView view, String taskDefinition) {
    return view.settled() && view.healthyCount() == 3 && view.deployments().get(0).taskDefinition().equals(taskDefinition)
        && view.deployments().get(0).rolloutState() == RolloutState.COMPLETED;
  }

  private void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // The control plane may be restarting; ask again.
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; services: "
        + admin.getText("/v1/services") + "\nevents: " + admin.getText("/v1/events"));
  }

  private ServiceView service() {
    ClusterStatus status = admin.get("/v1/status", ClusterStatus.class);
    return status.services().get(0);
  }

  private List<TaskRecord> tasks() {
    return admin.get("/v1/tasks", TypeFactory.defaultInstance().constructType(TASKS));
  }

  private List<TaskRecord> wanted() {
    return tasks().stream().filter(TaskRecord::wanted).collect(Collectors.toList());
  }

  private TaskRecord task(String id) {
    return tasks().stream().filter(t -> t.taskId().equals(id)).findFirst().orElseThrow();
  }

  private Set<String> containerIds(String instanceId) {
    return docker.listContainersCmd().withLabelFilter(Map.of(BerthLabels.INSTANCE, instanceId)).exec().stream()
        .map(Container::getId).collect(Collectors.toSet());
  }

  private int get(TaskRecord task) throws Exception {
    return http.send(request(task), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String body(TaskRecord task) throws Exception {
    return http.send(request(task), HttpResponse.BodyHandlers.ofString()).body();
  }

  private HttpResponse<String> throughLoadBalancer() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listenerPort + "/"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest request(TaskRecord task) {
    NetworkBinding binding = task.containers().stream().flatMap(c -> c.networkBindings().stream())
        .filter(b -> b.containerPort() == 8080).findFirst().orElseThrow();
    return HttpRequest.newBuilder(URI.create("http://" + binding.bindIP() + ":" + binding.hostPort() + "/"))
        .timeout(Duration.ofSeconds(5)).build();
  }
}
