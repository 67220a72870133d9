package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.json.BerthJson;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure reconcile pass: snapshot and declared state in, next snapshot out. */
class ReconcilerTest {
  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
  final AtomicInteger ids = new AtomicInteger();
  final Reconciler reconciler = new Reconciler(ReconcileSettings.defaults(), () -> "id" + ids.incrementAndGet());

  @ParameterizedTest(name = "desired {0}: threshold {1}")
  @CsvSource({"1, 3", "3, 3", "6, 3", "7, 4", "10, 5", "399, 200", "1000, 200"})
  void theCircuitBreakerThresholdIsHalfTheDesiredCountClampedTo3And200(int desired, int threshold) {
    assertThat(Reconciler.breakerThreshold(desired)).isEqualTo(threshold);
  }

  @Test
  void aDaemonServiceRunsOneTaskOnEveryActiveInstance() throws Exception {
    ClusterSnapshot snapshot = instances("a", "b", "c");
    DeclaredState declared = declared(service("agent", "DAEMON", Optional.empty()), definition("agent", 64));

    ClusterSnapshot next = reconciler.reconcile(snapshot, declared, NOW);

    assertThat(next.tasks().values()).hasSize(3);
    assertThat(next.tasks().values().stream().map(TaskRecord::instanceId).distinct()).hasSize(3);
  }

  @Test
  void aTaskThatFitsNowhereStaysUnplacedWithAReasonAPersonCanActOn() throws Exception {
    ClusterSnapshot snapshot = instances("a");
    DeclaredState declared = declared(service("big", "REPLICA", Optional.of(1)), definition("big", 4096));

    ClusterSnapshot next = reconciler.reconcile(snapshot, declared, NOW);

    assertThat(next.tasks()).isEmpty();
    assertThat(next.events()).last().extracting(ServiceEvent::message).asString()
        .contains("was unable to place a task").contains("4096 MiB").contains("the most free is 2048 MiB on i-a");
  }

  @Test
  void aMemberOfConstraintKeepsTheServiceInItsZone() throws Exception {
    Service service = BerthJson.mapper().readValue("""
        {"serviceName":"web","cluster":"default","taskDefinition":"web","schedulingStrategy":"REPLICA","desiredCount":4,
         "placementConstraints":[{"type":"memberOf","expression":"attribute:ecs.availability-zone == b"}],
         "deploymentConfiguration":{"maximumPercent":200,"minimumHealthyPercent":100}}
        """, Service.class);

    ClusterSnapshot next = reconciler.reconcile(instances("a", "b", "c"), declared(service, definition("web", 64)), NOW);

    assertThat(next.tasks().values()).hasSize(4).allSatisfy(t -> assertThat(t.instanceId()).isEqualTo("i-b"));
  }

  @Test
  void withoutStrategiesTasksSpreadOverZonesAsEcsDoes() throws Exception {
    ClusterSnapshot next = reconciler.reconcile(instances("a", "b", "c"),
        declared(service("web", "REPLICA", Optional.of(6)), definition("web", 64)), NOW);

    assertThat(next.tasks().values().stream().collect(java.util.stream.Collectors.groupingBy(TaskRecord::instanceId,
        java.util.stream.Collectors.counting()))).containsOnly(
            Map.entry("i-a", 2L), Map.entry("i-b", 2L), Map.entry("i-c", 2L));
  }

  @Test
  void aServiceRemovedFromTheDeclaredStateHasItsTasksStopped() throws Exception {
    ClusterSnapshot running = reconciler.reconcile(instances("a"),
        declared(service("web", "REPLICA", Optional.of(2)), definition("web", 64)), NOW);

    ClusterSnapshot next = reconciler.reconcile(running, DeclaredState.none(), NOW.plusSeconds(1));

    assertThat(running.tasks().values()).hasSize(2).allMatch(TaskRecord::wanted);
    assertThat(next.tasks().values()).noneMatch(TaskRecord::wanted);
  }

  @Test
  void anUnhealthyTaskIsReplacedButOnlyAfterTheHealthCheckGracePeriod() throws Exception {
    Service service = BerthJson.mapper().readValue("""
        {"serviceName":"web","cluster":"default","taskDefinition":"web","schedulingStrategy":"REPLICA","desiredCount":1,
         "healthCheckGracePeriodSeconds":30,
         "deploymentConfiguration":{"maximumPercent":200,"minimumHealthyPercent":100}}
        """, Service.class);
    DeclaredState declared = declared(service, definition("web", 64));
    ClusterSnapshot placed = reconciler.reconcile(instances("a"), declared, NOW);
    String taskId = placed.tasks().keySet().iterator().next();
    var unhealthy = new io.berth.engine.api.ObservedTask(taskId, io.berth.engine.api.TaskStatus.RUNNING,
        io.berth.engine.api.HealthStatus.UNHEALTHY, List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    ClusterSnapshot reported = AgentProtocol.sync(placed, "i-a", new io.berth.engine.api.SyncRequest(List.of(unhealthy)),
        NOW.plusSeconds(1)).snapshot();

    ClusterSnapshot inGrace = reconciler.reconcile(reported, declared, NOW.plusSeconds(10));
    ClusterSnapshot reportedAgain = AgentProtocol.sync(inGrace, "i-a",
        new io.berth.engine.api.SyncRequest(List.of(unhealthy)), NOW.plusSeconds(35)).snapshot();
    ClusterSnapshot afterGrace = reconciler.reconcile(reportedAgain, declared, NOW.plusSeconds(36));

    assertThat(inGrace.tasks().get(taskId).wanted()).isTrue();
    assertThat(afterGrace.tasks().get(taskId).wanted()).isFalse();
    assertThat(afterGrace.tasks().get(taskId).stoppedReason()).contains("Task failed container health checks");
    assertThat(afterGrace.tasks().values().stream().filter(TaskRecord::wanted)).hasSize(1);
  }

  @Test
  void anInstanceThatStopsSyncingIsLostAfterTheConfiguredTime() throws Exception {
    ClusterSnapshot snapshot = instances("a");

    ClusterSnapshot early = reconciler.reconcile(snapshot, DeclaredState.none(), NOW.plus(Duration.ofSeconds(9)));
    ClusterSnapshot late = reconciler.reconcile(snapshot, DeclaredState.none(), NOW.plus(Duration.ofSeconds(11)));

    assertThat(early.instances().values()).allMatch(i -> i.status() == InstanceRecord.InstanceStatus.ACTIVE);
    assertThat(late.instances().values()).allMatch(i -> i.status() == InstanceRecord.InstanceStatus.LOST);
  }

  private ClusterSnapshot instances(String... zones) {
    ClusterSnapshot snapshot = ClusterSnapshot.empty();
    for (String zone : zones) {
      snapshot = AgentProtocol.register(snapshot, new RegisterInstanceRequest("*", Optional.empty(), zone, 2048, 2048,
          Map.of("ecs.availability-zone", zone), "test"), "i-" + zone, NOW).snapshot();
    }
    return snapshot;
  }

  private static Service service(String name, String strategy, Optional<Integer> desired) throws Exception {
    return BerthJson.mapper().readValue("""
        {"serviceName":"%s","cluster":"default","taskDefinition":"%s","schedulingStrategy":"%s",%s
         "deploymentConfiguration":{"maximumPercent":200,"minimumHealthyPercent":100}}
        """.formatted(name, name, strategy, desired.map(d -> "\"desiredCount\":" + d + ",").orElse("")), Service.class);
  }

  private static TaskDefinition definition(String family, int memory) throws Exception {
    return BerthJson.mapper().readValue("""
        {"family":"%s","containerDefinitions":[{"name":"c","image":"i","memory":%d}]}
        """.formatted(family, memory), TaskDefinition.class);
  }

  private static DeclaredState declared(Service service, TaskDefinition definition) {
    var revisions = new TreeMap<Integer, TaskDefinition>(Map.of(1, definition));
    return new DeclaredState("c1", List.of(service), Map.of(definition.family(), revisions), Map.of(), Map.of());
  }
}
