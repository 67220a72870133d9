package io.berth.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.agent.TaskReconciler.LocalState;
import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.DesiredStatus;
import io.berth.engine.docker.DockerFixture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The agent's pure decisions: what to do after a sync, and what to register. */
class AgentRulesTest {

  private static AssignedTask task(String id, DesiredStatus status) {
    return new AssignedTask(id, "default", "service:web", "web", 1,
        DockerFixture.parse("{'family':'web','containerDefinitions':[{'name':'web','image':'img'}]}"), status, "d-1");
  }

  @Test
  void newAssignedTasksAreLaunchedOnce() {
    var actions = TaskReconciler.reconcile(List.of(task("t1", DesiredStatus.RUNNING), task("t2", DesiredStatus.RUNNING)),
        Map.of("t2", LocalState.ACTIVE), Set.of());

    assertThat(actions).containsExactly(new TaskAction.Launch(task("t1", DesiredStatus.RUNNING)));
  }

  @Test
  void desiredStoppedStopsARunningTaskOnceAndAcknowledgesOneThatNeverRanHere() {
    var actions = TaskReconciler.reconcile(List.of(task("t1", DesiredStatus.STOPPED), task("t2", DesiredStatus.STOPPED),
        task("t3", DesiredStatus.STOPPED)), Map.of("t1", LocalState.ACTIVE, "t2", LocalState.STOPPING), Set.of());

    assertThat(actions).containsExactly(new TaskAction.Stop("t1", TaskReconciler.DESIRED_STOPPED),
        new TaskAction.Acknowledge("t3"));
  }

  @Test
  void unassignedTasksAreStoppedThenRemovedOnceStopped() {
    var actions = TaskReconciler.reconcile(List.of(), Map.of("t1", LocalState.ACTIVE, "t2", LocalState.STOPPING,
        "t3", LocalState.STOPPED), Set.of());

    assertThat(actions).containsExactly(new TaskAction.Stop("t1", TaskReconciler.UNASSIGNED),
        new TaskAction.Remove("t3"));
  }

  @Test
  void aFinishedTaskIsNeverStartedAgainEvenIfStillListedRunning() {
    var actions = TaskReconciler.reconcile(List.of(task("t1", DesiredStatus.RUNNING)), Map.of(), Set.of("t1"));

    assertThat(actions).containsExactly(new TaskAction.Acknowledge("t1"));
  }

  @Test
  void aStoppedTaskStillListedIsKeptForReporting() {
    assertThat(TaskReconciler.reconcile(List.of(task("t1", DesiredStatus.RUNNING)), Map.of("t1", LocalState.STOPPED),
        Set.of())).isEmpty();
  }

  @Test
  void builtInAttributesUseEcsSpellingsAndExtraAttributesWin() {
    assertThat(HostFacts.attributes("zone-b", "amd64", Map.of("team", "shop")))
        .containsExactly(Map.entry("ecs.availability-zone", "zone-b"), Map.entry("ecs.cpu-architecture", "x86_64"),
            Map.entry("ecs.instance-type", "berth.local"), Map.entry("ecs.os-type", "linux"),
            Map.entry("team", "shop"));
    assertThat(HostFacts.cpuArchitecture("aarch64")).isEqualTo("arm64");
    assertThat(HostFacts.attributes("z", "amd64", Map.of("ecs.instance-type", "big")))
        .containsEntry("ecs.instance-type", "big");
  }
}
