package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.api.ApiException;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.DesiredStatus;
import io.berth.engine.scheduler.deployment.RolloutState;
import io.berth.engine.state.StateRepository;
import io.berth.engine.task.TaskStatus;
import io.berth.engine.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane against a real Git state repository, over real HTTP, with scripted agents. */
class ControlPlaneTest {
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

  void startPlane() {
    var settings = new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(15));
    // the instance key kept in a data dir, as berth server keeps it: a restarted control plane knows its agents
    plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), "join-t",
        "admin-t", Map.of("shop/db", "s3cret"), Duration.ofMillis(100), Duration.ofHours(1), settings)
        .securedBy(ApiSecurity.plain().keptIn(state.dir.resolveSibling("control-plane"))), clock);
  }

  void joinAgents(String... zones) {
    for (String zone : zones) {
      agents.add(new FakeAgent(plane.uri(), "join-t", zone, Optional.empty()));
    }
  }

  /** Agents sync, the clock moves a second, the control plane reconciles. */
  void cycle(int times) {
    for (int i = 0; i < times; i++) {
      agents.forEach(FakeAgent::sync);
      clock.advance(Duration.ofSeconds(1));
      plane.tick();
      assertObservedServicesMatchTheViews();
    }
  }

  /** The reconciler's cheap service documents say what the full views say, in every scenario here. */
  void assertObservedServicesMatchTheViews() {
    try (var repository = StateRepository.open(state.dir)) {
      DeclaredSnapshot declared = new DeclaredSnapshotReader(repository).read();
      ControlPlaneSnapshot snapshot = plane.snapshot();
      assertThat(ServiceViews.observed(snapshot, declared)).isEqualTo(ServiceViews.services(snapshot, declared, clock.instant(),
          Duration.ofSeconds(2)).stream().map(SnapshotStore.ObservedServiceDocument::new).collect(Collectors.toList()));
    }
  }

  List<TaskRecord> wantedTasks() {
    return plane.snapshot().tasks().values().stream().filter(TaskRecord::wanted).collect(Collectors.toList());
  }

  ServiceView web() {
    return plane.status().services().get(0);
  }

  @Test
  void theApiServerSendsItsAnswersWithoutNaglesDelay() throws Exception {
    // Without TCP_NODELAY an answer written after another on a kept-alive connection waits up to
    // 40 ms for the client's delayed ACK (see SyncLatencyBenchmark for the figures).
    ApiServer api = new ApiServer(null, new InetSocketAddress("127.0.0.1", 0), Optional.empty());
    assertThat(api.noDelay()).isTrue();
    api.stop();
  }

  @Test
  void aServiceOfThreeTasksIsSpreadOverThreeZonesAndReachesSteadyState() throws Exception {
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 3, 100, 200, true, "").commit();
    startPlane();
    joinAgents("a", "b", "c");

    cycle(6);

    assertThat(agents).allSatisfy(agent -> assertThat(agent.runningCount()).isEqualTo(1));
    assertThat(web().healthyCount()).isEqualTo(3);
    assertThat(web().deployments().get(0).rolloutState()).isEqualTo(RolloutState.COMPLETED);
    assertThat(plane.events(0)).extracting(ServiceEventRecord::message).contains("(service web) has reached a steady state.");
    assertThat(new ControlPlaneClient(plane.uri(), "admin-t").get("/v1/deployments", Map.class))
        .containsOnlyKeys("default/web");
  }

  @Test
  void anInstanceIsRecordedAtItsAdvertisedAddressElseWhereItRegisteredFrom() {
    startPlane();
    String advertised = new ControlPlaneClient(plane.uri(), "join-t").register(
        new io.berth.engine.api.RegisterInstanceRequest("*", Optional.empty(), "a",
        1024, 1024, Map.of(), "test", "127.0.0.3")).instanceId();
    String silent = new ControlPlaneClient(plane.uri(), "join-t").register(new io.berth.engine.api.RegisterInstanceRequest("*", Optional.empty(), "b",
        1024, 1024, Map.of(), "test")).instanceId();

    assertThat(plane.snapshot().instances().get(advertised).address()).isEqualTo("127.0.0.3");
    assertThat(plane.snapshot().instances().get(silent).address()).as("the connection's address").isEqualTo("127.0.0.1");
    assertThat(plane.events(0)).extracting(ServiceEventRecord::message)
        .anySatisfy(m -> assertThat(m).endsWith("registered in cluster * with 1024 cpu units and 1024 MiB at 127.0.0.3."));
  }

  @Test
  void aWrongOrMissingTokenGets401AWrongKindOfToken403AndNeitherChangesAnything() throws Exception {
    startPlane();
    var before = plane.snapshot();

    assertThatThrownBy(() -> new FakeAgent(plane.uri(), "wrong-t", "a", Optional.empty()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThatThrownBy(() -> new FakeAgent(plane.uri(), "admin-t", "a", Optional.empty()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThatThrownBy(() -> new ControlPlaneClient(plane.uri(), "join-t").get("/v1/tasks", List.class))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThatThrownBy(() -> new ControlPlaneClient(plane.uri(), "").get("/v1/tasks", List.class))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(plane.snapshot()).isEqualTo(before);
  }

  @Test
  void aKilledTaskIsReplacedAndTheServiceReturnsToSteadyState() throws Exception {
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 3, 100, 200, true, "").commit();
    startPlane();
    joinAgents("a", "b", "c");
    cycle(6);
    String victim = agents.get(0).running.keySet().iterator().next();

    agents.get(0).kill(victim);
    cycle(6);

    assertThat(plane.snapshot().tasks().get(victim).desiredStatus()).isEqualTo(DesiredStatus.STOPPED);
    assertThat(wantedTasks()).hasSize(3).noneMatch(t -> t.taskId().equals(victim));
    assertThat(web().healthyCount()).isEqualTo(3);
  }

  @Test
  void anImageChangeRollsOutWithoutDroppingBelowMinimumHealthy() throws Exception {
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 4, 50, 200, true, "").commit();
    startPlane();
    joinAgents("a", "b", "c");
    cycle(6);

    state.taskDefinition("web", 2, "webapp:2", "").commit();
    List<Integer> healthySamples = new ArrayList<>();
    List<Integer> aliveSamples = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      cycle(1);
      healthySamples.add(web().healthyCount());
      aliveSamples.add((int) plane.snapshot().tasks().values().stream().filter(TaskRecord::alive).count());
    }

    assertThat(healthySamples).allSatisfy(h -> assertThat(h).isGreaterThanOrEqualTo(2));
    assertThat(aliveSamples).allSatisfy(a -> assertThat(a).isLessThanOrEqualTo(8));
    assertThat(wantedTasks()).hasSize(4).allSatisfy(t -> assertThat(t.revision()).isEqualTo(2));
    assertThat(web().deployments().get(0).rolloutState()).isEqualTo(RolloutState.COMPLETED);
  }

  @Test
  void aCrashingRevisionTripsTheCircuitBreakerAndRollsBack() throws Exception {
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 3, 100, 200, true, "").commit();
    startPlane();
    joinAgents("a", "b", "c");
    cycle(6);
    agents.forEach(a -> a.crashes = t -> t.taskDefinition().containerDefinitions().get(0).image().orElse("").equals("broken:1"));

    state.taskDefinition("web", 2, "broken:1", "").commit();
    cycle(30);

    var deployments = web().deployments();
    assertThat(deployments.get(0).taskDefinition()).isEqualTo("web:1");
    assertThat(deployments.get(0).rolloutState()).isEqualTo(RolloutState.COMPLETED);
    assertThat(deployments).anySatisfy(d -> {
      assertThat(d.taskDefinition()).isEqualTo("web:2");
      assertThat(d.rolloutState()).isEqualTo(RolloutState.FAILED);
    });
    assertThat(web().failed()).isTrue();
    assertThat(wantedTasks()).hasSize(3).allSatisfy(t -> assertThat(t.revision()).isEqualTo(1));
  }

  @Test
  void aLostInstancesTasksAreRescheduledOnTheOthers() throws Exception {
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 3, 100, 200, true, "").commit();
    startPlane();
    joinAgents("a", "b", "c");
    cycle(6);
    FakeAgent silent = agents.remove(2);

    cycle(15);

    assertThat(plane.snapshot().instances().get(silent.instanceId).status()).isEqualTo(InstanceRecord.InstanceStatus.LOST);
    assertThat(wantedTasks()).hasSize(3).noneMatch(t -> t.instanceId().equals(silent.instanceId));
    assertThat(web().healthyCount()).isEqualTo(3);
  }

  @Test
  void aRestartedControlPlaneResumesFromTheRepositoryWithoutDuplicatingTasks() throws Exception {
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 3, 100, 200, true, "").commit();
    startPlane();
    joinAgents("a", "b", "c");
    cycle(6);
    var before = wantedTasks().stream().map(TaskRecord::taskId).sorted().collect(Collectors.toList());

    plane.close();
    startPlane();
    var reconnected = new ArrayList<FakeAgent>();
    for (FakeAgent agent : agents) {
      var again = new FakeAgent(plane.uri(), agent.credential, "x", Optional.of(agent.instanceId));
      again.running.putAll(agent.running);
      reconnected.add(again);
    }
    agents = reconnected;
    cycle(5);

    assertThat(wantedTasks().stream().map(TaskRecord::taskId).sorted()).containsExactlyElementsOf(before);
    assertThat(agents).allSatisfy(a -> assertThat(a.runningCount()).isEqualTo(1));
  }

  @Test
  void aTaskGetsASecretOnlyWhenItsExecutionRoleAllowsIt() throws Exception {
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 1, 100, 200, true, "")
        .role("web-exec", "[{\"effect\":\"Allow\",\"actions\":[\"secrets:*\"],\"resources\":[\"secret/shop/*\"]},"
            + "{\"effect\":\"Deny\",\"actions\":[\"secrets:Read\"],\"resources\":[\"secret/shop/admin\"]}]")
        .commit();
    startPlane();
    joinAgents("a");
    cycle(2);
    String taskId = wantedTasks().get(0).taskId();
    var client = agents.get(0).client;

    assertThat(client.secret("secret/shop/db", taskId).value()).isEqualTo("s3cret");
    assertThat(client.secret("shop/db", taskId).value()).isEqualTo("s3cret");
    assertThatThrownBy(() -> client.secret("shop/admin", taskId))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThatThrownBy(() -> client.secret("other/db", taskId))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().fix()).contains("secrets:Read on secret/other/db"));
  }

  @Test
  void theRuntimeStateIsCommittedToTheRuntimeRefAndSecretsNeverAre() throws Exception {
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 2, 100, 200, true, "").commit();
    startPlane();
    joinAgents("a", "b");
    cycle(4);

    assertThat(state.repository().resolve("refs/berth/runtime")).isNotNull();
    ControlPlaneSnapshot readBack;
    try (var repo = StateRepository.open(state.dir)) {
      readBack = new SnapshotStore(repo.runtime()).read();
    }
    assertThat(readBack.tasks().keySet()).isEqualTo(plane.snapshot().tasks().keySet());
    // The scheduler's memory (deployments, failure counts, throttle) survives a restart exactly.
    assertThat(readBack.runtimes()).containsOnlyKeys("default/web").isEqualTo(plane.snapshot().runtimes());
    assertThat(readBack.tasks().values()).allSatisfy(t -> assertThat(t.lastStatus()).isNotEqualTo(TaskStatus.PROVISIONING));
  }
}
