package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.api.SyncResponse;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.json.BerthJson;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The control plane's side of a reconcile pass: its records mapped to the scheduler core and the
 * core's decisions applied back (the decisions themselves are tested in the scheduler package).
 */
class SchedulerRunTest {
  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
  static final ReconcileSettings SETTINGS = ReconcileSettings.defaults();

  @Test
  void aDaemonServiceRunsOneTaskOnEveryInstanceThatServesAnyCluster() throws Exception {
    ControlPlaneSnapshot next = SchedulerRun.reconcile(instances("a", "b", "c"),
        declared(List.of(service("agent", "default", "DAEMON", Optional.empty())), definition("agent", 64)), NOW, SETTINGS);

    assertThat(next.tasks().values()).hasSize(3);
    assertThat(next.tasks().values().stream().map(TaskRecord::instanceId).distinct()).hasSize(3);
    assertThat(next.runtimes()).containsOnlyKeys("default/agent");
  }

  @Test
  void aTaskThatFitsNowhereStaysUnplacedWithTheCoresReason() throws Exception {
    ControlPlaneSnapshot next = SchedulerRun.reconcile(instances("a"),
        declared(List.of(service("big", "default", "REPLICA", Optional.of(1))), definition("big", 4096)), NOW, SETTINGS);

    assertThat(next.tasks()).isEmpty();
    assertThat(next.events()).last().extracting(ServiceEventRecord::message).asString()
        .contains("(service big) was unable to place a task").contains("4096");
  }

  @Test
  void servicesOfTheSameNameInTwoClustersGetTasksWithDistinctIds() throws Exception {
    ControlPlaneSnapshot next = SchedulerRun.reconcile(instances("a"), declared(List.of(
        service("web", "blue", "REPLICA", Optional.of(1)), service("web", "green", "REPLICA", Optional.of(1))),
        definition("web", 64)), NOW, SETTINGS);

    assertThat(next.tasks().keySet()).containsExactly("blue-web-1", "green-web-1");
    assertThat(next.runtimes()).containsOnlyKeys("blue/web", "green/web");
  }

  @Test
  void aServiceRemovedFromTheDeclaredStateHasItsTasksStopped() throws Exception {
    ControlPlaneSnapshot running = SchedulerRun.reconcile(instances("a"),
        declared(List.of(service("web", "default", "REPLICA", Optional.of(2))), definition("web", 64)), NOW, SETTINGS);

    ControlPlaneSnapshot next = SchedulerRun.reconcile(running, DeclaredSnapshot.none(), NOW.plusSeconds(1), SETTINGS);

    assertThat(running.tasks().values()).hasSize(2).allMatch(TaskRecord::wanted);
    assertThat(next.tasks().values()).noneMatch(TaskRecord::wanted)
        .allSatisfy(t -> assertThat(t.stoppedReason()).contains("Service web was deleted"));
  }

  @Test
  void anInstanceThatStopsSyncingIsLostAfterTheConfiguredTimeAndItsTasksAreReplaced() throws Exception {
    DeclaredSnapshot declared = declared(List.of(service("web", "default", "REPLICA", Optional.of(1))), definition("web", 64));
    ControlPlaneSnapshot placed = SchedulerRun.reconcile(instances("a"), declared, NOW, SETTINGS);
    String first = placed.tasks().keySet().iterator().next();
    ControlPlaneSnapshot withB = AgentProtocol.register(placed, new RegisterInstanceRequest("*", Optional.empty(), "b", 2048,
        2048, Map.of("ecs.availability-zone", "b"), "test"), "i-b", NOW.plusSeconds(5)).snapshot();

    ControlPlaneSnapshot early = SchedulerRun.reconcile(withB, declared, NOW.plus(Duration.ofSeconds(9)), SETTINGS);
    ControlPlaneSnapshot late = SchedulerRun.reconcile(early, declared, NOW.plus(Duration.ofSeconds(11)), SETTINGS);

    assertThat(early.instances().get("i-a").status()).isEqualTo(InstanceRecord.InstanceStatus.ACTIVE);
    assertThat(late.instances().get("i-a").status()).isEqualTo(InstanceRecord.InstanceStatus.LOST);
    assertThat(late.tasks().get(first).alive()).isFalse();
    assertThat(late.tasks().values().stream().filter(TaskRecord::wanted).map(TaskRecord::instanceId)
        .collect(Collectors.toList())).containsExactly("i-b");
  }

  @Test
  void aSyncThatChangesNoTaskSharesTheTasksAndOneThatDoesFoldsItsReportAndAnswersTheSame() throws Exception {
    DeclaredSnapshot declared = declared(List.of(service("web", "default", "REPLICA", Optional.of(4))), definition("web", 64));
    ControlPlaneSnapshot placed = SchedulerRun.reconcile(instances("a", "b"), declared, NOW, SETTINGS);
    Map<String, List<String>> byInstance = AgentProtocol.tasksByInstance(placed);
    List<String> onA = byInstance.get("i-a");
    assertThat(onA).hasSize(2).isSorted();
    List<ObservedTask> provisioning = onA.stream().map(id -> new ObservedTask(id, TaskStatus.PROVISIONING,
        HealthStatus.UNKNOWN, List.of(), Optional.empty(), Optional.empty(), Optional.empty())).toList();

    var quiet = AgentProtocol.sync(placed, "i-a", new SyncRequest(provisioning), declared, NOW.plusSeconds(1), onA);
    assertThat(quiet.snapshot().tasks()).as("nothing reported changed: the tasks are shared, not copied")
        .isSameAs(placed.tasks());
    assertThat(quiet.snapshot().instances().get("i-a").lastSyncAt()).isEqualTo(NOW.plusSeconds(1));

    List<ObservedTask> running = List.of(new ObservedTask(onA.get(0), TaskStatus.RUNNING, HealthStatus.HEALTHY, List.of(),
        Optional.empty(), Optional.of(NOW.toString()), Optional.empty()));
    var folded = AgentProtocol.sync(quiet.snapshot(), "i-a", new SyncRequest(running), declared, NOW.plusSeconds(2), onA);
    assertThat(folded.snapshot().tasks().get(onA.get(0)).lastStatus()).isEqualTo(TaskStatus.RUNNING);
    assertThat(folded.snapshot().tasks().get(onA.get(1))).isEqualTo(placed.tasks().get(onA.get(1)));
    assertThat(placed.tasks().get(onA.get(0)).lastStatus()).as("the earlier snapshot is untouched")
        .isNotEqualTo(TaskStatus.RUNNING);
    assertThat(folded.answer()).as("the instance's own tasks answer as a scan of every task would")
        .isEqualTo(new SyncResponse(AgentProtocol.assigned(folded.snapshot(), "i-a", declared)));
    assertThat(folded.answer().tasks()).extracting(AssignedTask::taskId).containsExactlyElementsOf(onA);
  }

  private static ControlPlaneSnapshot instances(String... zones) {
    ControlPlaneSnapshot snapshot = ControlPlaneSnapshot.empty();
    for (String zone : zones) {
      snapshot = AgentProtocol.register(snapshot, new RegisterInstanceRequest("*", Optional.empty(), zone, 2048, 2048,
          Map.of("ecs.availability-zone", zone), "test"), "i-" + zone, NOW).snapshot();
    }
    return snapshot;
  }

  private static Service service(String name, String cluster, String strategy, Optional<Integer> desired) throws Exception {
    return BerthJson.mapper().readValue("""
        {"serviceName":"%s","cluster":"%s","taskDefinition":"%s","schedulingStrategy":"%s",%s
         "deploymentConfiguration":{"maximumPercent":200,"minimumHealthyPercent":100}}
        """.formatted(name, cluster, name, strategy, desired.map(d -> "\"desiredCount\":" + d + ",").orElse("")),
        Service.class);
  }

  private static TaskDefinition definition(String family, int memory) throws Exception {
    return BerthJson.mapper().readValue("""
        {"family":"%s","containerDefinitions":[{"name":"c","image":"i","memory":%d}]}
        """.formatted(family, memory), TaskDefinition.class);
  }

  private static DeclaredSnapshot declared(List<Service> services, TaskDefinition definition) {
    var revisions = new TreeMap<Integer, TaskDefinition>(Map.of(1, definition));
    return new DeclaredSnapshot("c1", services, Map.of(definition.family(), revisions), Map.of(), Map.of());
  }
}
