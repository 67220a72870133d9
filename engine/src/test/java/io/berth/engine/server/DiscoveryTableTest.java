package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.api.ApiException;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.DiscoveryEntry;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.engine.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which tasks the discovery names answer with: only wanted, RUNNING, healthy tasks, each at its agent's
 * address and the host port of the registry's container port; a task leaves with the sync that reports
 * it stopped or unhealthy, or the tick that stops it. Over real HTTP with scripted agents.
 */
class DiscoveryTableTest {
  private static final String REGISTRY = ",\"serviceRegistries\":[{\"namespace\":\"internal\",\"name\":\"api\","
      + "\"containerName\":\"web\",\"containerPort\":8080}]";

  @TempDir Path temp;
  StateRepoFixture state;
  MutableClock clock = new MutableClock();
  ControlPlane plane;
  List<FakeAgent> agents = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    state = new StateRepoFixture(temp.resolve("state.git"));
  }

  @AfterEach
  void tearDown() {
    if (plane != null) {
      plane.close();
    }
    state.close();
  }

  private void start(String taskDefinitionJson, int count) throws Exception {
    state.taskDefinitionJson("api", 1, taskDefinitionJson).service("api", "api", count, 50, 200, true, REGISTRY).commit();
    var settings = new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(15));
    plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), "join-t",
        "admin-t", Map.of(), Duration.ofMillis(100), Duration.ofHours(1), settings), clock);
    for (String zone : List.of("a", "b", "c")) {
      agents.add(new FakeAgent(plane.uri(), "join-t", zone, Optional.empty()));
    }
  }

  private void cycle(int times) {
    for (int i = 0; i < times; i++) {
      agents.forEach(FakeAgent::sync);
      clock.advance(Duration.ofSeconds(1));
      plane.tick();
    }
  }

  private List<DiscoveryEntry.Endpoint> endpoints() {
    List<DiscoveryEntry> entries = plane.discovery();
    assertThat(entries).singleElement().satisfies(e -> assertThat(e.dnsName()).isEqualTo("api.internal"));
    return entries.get(0).endpoints();
  }

  private static String definition(boolean healthCheck) {
    return "{\"family\":\"api\",\"containerDefinitions\":[{\"name\":\"web\",\"image\":\"webapp:1\",\"memory\":64,"
        + "\"portMappings\":[{\"containerPort\":8080,\"hostPort\":0}]"
        + (healthCheck ? ",\"healthCheck\":{\"command\":[\"CMD\",\"true\"]}" : "") + "}]}";
  }

  @Test
  void runningTasksAnswerOnceHealthyAtTheirAgentsAddressAndHostPort() throws Exception {
    start(definition(false), 3);
    cycle(3); // placed, started, reported RUNNING
    assertThat(plane.snapshot().tasks().values()).allSatisfy(t -> assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING));
    assertThat(endpoints()).as("running, but not yet healthy (no health check: healthy after 2 s)").isEmpty();

    cycle(3);

    List<DiscoveryEntry.Endpoint> endpoints = endpoints();
    assertThat(endpoints).hasSize(3).allSatisfy(e -> {
      assertThat(e.address()).isEqualTo("127.0.0.1"); // the scripted agents advertise none: where they registered from
      TaskRecord task = plane.snapshot().tasks().get(e.taskId());
      assertThat(e.port()).contains(task.containers().get(0).networkBindings().get(0).hostPort());
    });
  }

  @Test
  void aTaskLeavesWithTheSyncThatReportsItStoppedOrUnhealthyAndTheTickThatStopsIt() throws Exception {
    start(definition(true), 3);
    cycle(2);
    agents.forEach(a -> a.running.replaceAll((id, t) -> with(t, HealthStatus.HEALTHY)));
    cycle(2);
    assertThat(endpoints()).hasSize(3);

    FakeAgent first = agents.get(0);
    String killed = first.running.keySet().iterator().next();
    first.kill(killed);
    first.sync(); // the report, before any tick
    assertThat(endpoints()).extracting(DiscoveryEntry.Endpoint::taskId).hasSize(2).doesNotContain(killed);

    FakeAgent second = agents.get(1);
    String sick = second.running.keySet().iterator().next();
    second.running.computeIfPresent(sick, (id, t) -> with(t, HealthStatus.UNHEALTHY));
    second.sync();
    assertThat(endpoints()).extracting(DiscoveryEntry.Endpoint::taskId).doesNotContain(killed, sick);

    String healthy = agents.get(2).running.keySet().iterator().next();
    assertThat(endpoints()).extracting(DiscoveryEntry.Endpoint::taskId).containsExactly(healthy);
    state.service("api", "api", 0, 0, 200, true, REGISTRY).commit();
    clock.advance(Duration.ofSeconds(1));
    plane.tick(); // the tick that stops the task; its agent still reports it RUNNING and healthy
    assertThat(plane.snapshot().tasks().get(healthy).lastStatus()).isEqualTo(TaskStatus.RUNNING);
    assertThat(endpoints()).isEmpty();
  }

  @Test
  void theApiAnswersOneNameWithEitherTokenAndSaysHowToRegisterAnUnknownOne() throws Exception {
    start(definition(false), 1);
    cycle(4);

    DiscoveryEntry byAdmin = new ControlPlaneClient(plane.uri(), "admin-t").get("/v1/discovery/internal/api",
        DiscoveryEntry.class);
    assertThat(byAdmin.endpoints()).hasSize(1);
    assertThat(byAdmin.ttlSeconds()).isEqualTo(DiscoveryTable.TTL_SECONDS);
    assertThat(new ControlPlaneClient(plane.uri(), "join-t").discovery("default", Duration.ofSeconds(5)))
        .containsExactly(byAdmin);
    assertThat(new ControlPlaneClient(plane.uri(), "join-t").discovery("other", Duration.ofSeconds(5))).isEmpty();

    assertThatThrownBy(() -> new ControlPlaneClient(plane.uri(), "admin-t").get("/v1/discovery/internal/web",
        DiscoveryEntry.class)).isInstanceOf(ApiException.class).hasMessageContaining("404")
        .hasMessageContaining("no service registers web.internal");
    assertThatThrownBy(() -> new ControlPlaneClient(plane.uri(), "wrong").get("/v1/discovery", List.class))
        .isInstanceOf(ApiException.class).hasMessageContaining("401");
  }

  private static ObservedTask with(ObservedTask task, HealthStatus health) {
    return new ObservedTask(task.taskId(), task.lastStatus(), health, task.containers(), task.stoppedReason(),
        task.startedAt(), task.stoppedAt(), task.cpuUtilization(), task.memoryUtilization());
  }
}
