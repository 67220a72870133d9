package io.berth.plans.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.model.Service;
import io.berth.plans.Action;
import io.berth.plans.DeclaredState;
import io.berth.plans.LiveState;
import io.berth.plans.Partial;
import io.berth.plans.Plan;
import io.berth.plans.PlanFixtures;
import io.berth.plans.ResourceAddress;
import io.berth.plans.ResourceChange;
import io.berth.plans.ResourceKind;
import io.berth.plans.Summary;
import io.berth.plans.TaskDefinitionRevision;
import io.berth.plans.render.TextRenderer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Partial plans ({@code --only}) on the fixtures' stack, whose whole plan changes every kind of resource. */
class TargetingTest {
  static final LiveState LIVE = PlanFixtures.live();

  static Plan partial(String... selectors) {
    Targeting.Narrowed narrowed = Targeting.narrow(PlanFixtures.desired(), LIVE.declared(), List.of(selectors));
    return Targeting.restrict(StateDiff.plan(narrowed.desired(), LIVE, "0.1.0-test"), LIVE.declared(), narrowed);
  }

  static Map<ResourceAddress, Action> changed(Plan plan) {
    return plan.changes().stream().filter(c -> c.action() != Action.NO_OP)
        .collect(Collectors.toMap(ResourceChange::address, ResourceChange::action));
  }

  static ResourceAddress address(ResourceKind kind, String id) {
    return new ResourceAddress(kind, id);
  }

  @Test
  void aServicePullsInItsTaskDefinitionAndClusterAndNothingElseChanges() {
    Plan plan = partial("service/web");

    assertThat(plan.partial()).contains(new Partial(List.of(address(ResourceKind.SERVICE, "prod/web")),
        List.of(address(ResourceKind.CLUSTER, "prod"), address(ResourceKind.TASK_DEFINITION, "web"))));
    assertThat(changed(plan)).containsOnly(Map.entry(address(ResourceKind.TASK_DEFINITION, "web"), Action.UPDATE),
        Map.entry(address(ResourceKind.SERVICE, "prod/web"), Action.UPDATE));
    assertThat(plan.summary()).isEqualTo(new Summary(0, 2, 0, plan.changes().size() - 2));
    DeclaredState target = plan.target();
    DeclaredState live = LIVE.declared();
    assertThat(target.services()).extracting(DeclaredState::key, Service::taskDefinition)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("prod/api", "api:3"),
            org.assertj.core.groups.Tuple.tuple("prod/web", "web:2"),
            org.assertj.core.groups.Tuple.tuple("prod/worker", "worker:2"));
    assertThat(target.services().get(0)).as("api, not covered: exactly as the last apply declared it")
        .isEqualTo(live.services().stream().filter(s -> s.serviceName().equals("api")).findFirst().orElseThrow());
    assertThat(target.clusters()).isEqualTo(live.clusters()).as("staging is not destroyed").hasSize(2);
    assertThat(target.roles()).isEqualTo(live.roles()).as("batch's role is not created").hasSize(1);
    assertThat(target.scaling()).isEqualTo(live.scaling());
    assertThat(target.taskDefinitions()).extracting(TaskDefinitionRevision::arn)
        .containsExactly("api:3", "web:2", "worker:2");
  }

  @Test
  void aTaskDefinitionAloneGetsItsRevisionAndItsServicesKeepTheirs() {
    Plan plan = partial("task-definition/web");

    assertThat(changed(plan)).containsOnlyKeys(address(ResourceKind.TASK_DEFINITION, "web"));
    assertThat(plan.target().services()).filteredOn(s -> s.serviceName().equals("web")).singleElement()
        .extracting(Service::taskDefinition).isEqualTo("web:1");
    assertThat(plan.target().taskDefinitions()).extracting(TaskDefinitionRevision::arn).contains("web:2");
  }

  @Test
  void aResourceOnlyTheStateHoldsIsDestroyedAloneWithItsScaling() {
    Plan cluster = partial("cluster/staging");
    Plan worker = partial("service/prod/worker");

    assertThat(changed(cluster)).containsOnly(Map.entry(address(ResourceKind.CLUSTER, "staging"), Action.DELETE));
    assertThat(changed(worker)).containsOnly(Map.entry(address(ResourceKind.SERVICE, "prod/worker"), Action.DELETE));
    assertThat(worker.partial().orElseThrow().dependencies()).isEmpty();
    assertThat(worker.target().taskDefinitions()).extracting(TaskDefinitionRevision::arn).contains("worker:2");
  }

  @Test
  void destroyingWhatAResourceLeftAsItIsUsesIsRefusedNamingTheOnlyToAdd() {
    assertThatThrownBy(() -> partial("task-definition/worker")).isInstanceOf(PlanException.class)
        .hasMessage("--only destroys task-definition \"worker\", which service \"prod/worker\" still uses and --only"
            + " leaves as it is; add --only service/prod/worker (or plan the whole stack without --only)");
    assertThat(changed(partial("task-definition/worker", "service/worker")))
        .containsOnlyKeys(address(ResourceKind.TASK_DEFINITION, "worker"), address(ResourceKind.SERVICE, "prod/worker"));
  }

  @Test
  void selectorsThatNameNothingAreRefusedEachWithTheFix() {
    assertThatThrownBy(() -> partial("svc/web", "service/nope", "role/")).isInstanceOf(PlanException.class)
        .satisfies(e -> assertThat(((PlanException) e).problems()).containsExactly(
            "--only 'svc/web' names no resource: write service/NAME (or service/CLUSTER/NAME), task-definition/FAMILY,"
                + " role/NAME or cluster/NAME",
            "--only service/nope: the stack declares no service 'nope' and the state holds none; services: prod/api,"
                + " prod/batch, prod/web, prod/worker",
            "--only 'role/' names no resource: write service/NAME (or service/CLUSTER/NAME), task-definition/FAMILY,"
                + " role/NAME or cluster/NAME"));
  }

  @Test
  void theTextSaysWhatThePlanCoversAndWarnsThatItIsPartial() {
    String text = TextRenderer.render(partial("service/web"), false);

    assertThat(text).contains("Partial plan: only service \"prod/web\", with what it needs: cluster \"prod\","
        + " task-definition \"web\".\nWarning: this plan covers only part of the stack (--only); the rest stays as the"
        + " last apply left it").contains("Plan: 0 to add, 2 to change, 0 to destroy.")
        .doesNotContain("service \"prod/api\" must be replaced").doesNotContain("cluster \"staging\"");
  }
}
