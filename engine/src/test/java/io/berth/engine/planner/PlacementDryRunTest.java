package io.berth.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.json.BerthJson;
import io.berth.model.DesiredState;
import io.berth.model.TaskDefinition;
import io.berth.plans.DryRun;
import io.berth.plans.LiveState;
import io.berth.plans.Plan;
import io.berth.plans.diff.StateDiff;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan's scheduler section comes from the real scheduler, placing only what the plan changes. */
class PlacementDryRunTest {
  static DesiredState stack(String capacity, int count) throws IOException {
    return BerthJson.mapper().readValue(("{'apiVersion':'berth/v1','stack':'shop','clusters':[{'name':'prod'"
        + capacity + "}],'taskDefinitions':[{'family':'web','containerDefinitions':[{'name':'app','image':'x:1',"
        + "'memory':512}]}],'services':[{'serviceName':'web','cluster':'prod','taskDefinition':'web',"
        + "'schedulingStrategy':'REPLICA','desiredCount':" + count + ",'deploymentConfiguration':"
        + "{'maximumPercent':200,'minimumHealthyPercent':100}}]}").replace('\'', '"'), DesiredState.class);
  }

  static final String TWO_HOSTS = ",'capacity':[{'name':'std','count':2,'cpu':1024,'memory':1024,"
      + "'zones':['zone-a','zone-b']}]";

  static DryRun dryRun(DesiredState desired, LiveState live) {
    Plan plan = StateDiff.plan(desired, live, "test");
    return new PlacementDryRun().dryRun(plan);
  }

  @Test
  void newTasksArePlacedOnTheDeclaredCapacity() throws IOException {
    DryRun dryRun = dryRun(stack(TWO_HOSTS, 2), LiveState.empty("shop"));

    assertThat(dryRun.ran()).isTrue();
    assertThat(dryRun.placements()).extracting(DryRun.Placement::containerInstance).containsExactly("std-1", "std-2");
    assertThat(dryRun.placements()).allSatisfy(p -> assertThat(p.taskDefinition()).isEqualTo("web:1"));
    assertThat(dryRun.failures()).isEmpty();
  }

  @Test
  void tasksThatDoNotFitAreReportedWithTheReason() throws IOException {
    DryRun dryRun = dryRun(stack(TWO_HOSTS, 5), LiveState.empty("shop"));

    assertThat(dryRun.failures()).singleElement().satisfies(f -> {
      assertThat(f.service()).isEqualTo("prod/web");
      assertThat(f.tasks()).isEqualTo(1);
      assertThat(f.reason()).isNotBlank();
    });
  }

  @Test
  void aRuntimePlatformNoDeclaredHostHasIsAFailureOfTheDryRunNamingTheAttribute() throws IOException {
    DesiredState x86 = stack(",'capacity':[{'name':'std','count':2,'cpu':1024,'memory':1024,"
        + "'attributes':{'ecs.cpu-architecture':'x86_64'}}]", 1);
    TaskDefinition web = x86.taskDefinitions().get(0);
    TaskDefinition armWeb = BerthJson.mapper().readValue(BerthJson.mapper().writeValueAsString(web)
        .replaceFirst("\\{", "{\"runtimePlatform\":{\"cpuArchitecture\":\"ARM64\"},"), TaskDefinition.class);
    DesiredState arm = new DesiredState(x86.apiVersion(), x86.stack(), x86.clusters(), x86.roles(), List.of(armWeb),
        x86.services(), x86.scaling(), x86.references());

    assertThat(dryRun(x86, LiveState.empty("shop")).failures()).isEmpty();
    assertThat(dryRun(arm, LiveState.empty("shop")).failures()).singleElement().satisfies(f -> assertThat(f.reason())
        .contains("no ACTIVE instance can run the task (std-1 needs ecs.cpu-architecture arm64 (runtimePlatform),"
            + " has x86_64)"));
  }

  @Test
  void withoutDeclaredCapacityOrServiceChangesNothingIsSimulated() throws IOException {
    assertThat(dryRun(stack("", 2), LiveState.empty("shop")).note()).contains("declares no capacity");

    Plan first = StateDiff.plan(stack(TWO_HOSTS, 2), LiveState.empty("shop"), "test");
    LiveState applied = new LiveState(Optional.of("b".repeat(40)), first.target(), Map.of("web", 1), List.of());
    DryRun unchanged = dryRun(stack(TWO_HOSTS, 2), applied);
    assertThat(unchanged.ran()).isFalse();
    assertThat(unchanged.note()).contains("no service is created or changed");
  }
}
