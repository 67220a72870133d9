package io.berth.plans.diff;

import static io.berth.plans.PlanFixtures.desired;
import static io.berth.plans.PlanFixtures.live;
import static io.berth.plans.PlanFixtures.taskDefinition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.model.DesiredState;
import io.berth.model.ExternalReference;
import io.berth.model.TaskDefinition;
import io.berth.model.Service;
import io.berth.plans.LiveState;
import io.berth.plans.Plan;
import io.berth.plans.PlanFixtures;
import io.berth.plans.ResourceAddress;
import io.berth.plans.ResourceKind;
import io.berth.plans.StackLinks;
import io.berth.plans.ResourceChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan and references outside the stack: refused when unresolved, an IAM role ARN shown as external. */
class ReferencesTest {
  private static DesiredState with(List<ExternalReference> references, TaskDefinition... extra) {
    DesiredState base = desired();
    List<TaskDefinition> definitions = new ArrayList<>(base.taskDefinitions());
    definitions.addAll(List.of(extra));
    return new DesiredState(base.apiVersion(), base.stack(), base.clusters(), base.roles(), definitions,
        base.services(), base.scaling(), references);
  }

  private static LiveState linked(StackLinks links) {
    LiveState live = live();
    return new LiveState(live.commit(), live.declared(), live.latestRevisions(), live.observed(), live.reads(), links);
  }

  private static DesiredState onCluster(String cluster, List<ExternalReference> references) {
    DesiredState base = desired();
    List<Service> services = base.services().stream().map(s -> PlanFixtures.json(
        "{'serviceName':'" + s.serviceName() + "','cluster':'" + cluster + "','taskDefinition':'" + s.taskDefinition()
            + "','launchType':'EC2','schedulingStrategy':'REPLICA','desiredCount':1,'deploymentConfiguration':"
            + "{'maximumPercent':200,'minimumHealthyPercent':100}}", Service.class)).toList();
    return new DesiredState(base.apiVersion(), base.stack(), List.of(), base.roles(), base.taskDefinitions(),
        services, List.of(), references);
  }

  @Test
  void aReferenceNoStackDeclaresIsRefusedNamingIt() {
    DesiredState desired = with(List.of(
        new ExternalReference(ExternalReference.Kind.ROLE, "shared-task", Optional.empty()),
        new ExternalReference(ExternalReference.Kind.CLUSTER, "shared", Optional.empty())));

    assertThatThrownBy(() -> StateDiff.plan(desired, live(), "test")).isInstanceOfSatisfying(PlanException.class,
        e -> assertThat(e.problems()).containsExactly(
            "existing role 'shared-task' (infra.existingRole(\"shared-task\")) is not declared by any stack of the"
                + " state being planned: apply the stack that declares it first, or declare it in this stack with"
                + " infra.role(\"shared-task\")",
            "existing cluster 'shared' (infra.existingCluster(\"shared\")) is not declared by any stack of the"
                + " state being planned: apply the stack that declares it first, or declare it in this stack with"
                + " infra.cluster(\"shared\")"));
  }

  @Test
  void aReferenceAnotherStackOwnsIsUsedAndShowsWhereItComesFrom() {
    ExternalReference local = new ExternalReference(ExternalReference.Kind.CLUSTER, "local", Optional.empty());
    DesiredState desired = onCluster("local", List.of(local));
    StackLinks links = new StackLinks(Map.of(new ResourceAddress(ResourceKind.CLUSTER, "local"), "platform"),
        Map.of(), List.of());

    LiveState empty = LiveState.empty("shop");
    Plan plan = StateDiff.plan(desired, new LiveState(empty.commit(), empty.declared(), Map.of(), List.of(), Map.of(),
        links), "test");

    assertThat(plan.changes()).filteredOn(c -> c.address().type() == ResourceKind.SERVICE).hasSize(3)
        .allSatisfy(c -> assertThat(c.notes()).contains("uses cluster \"local\" of stack 'platform'"));
    assertThat(plan.changes()).noneSatisfy(c -> assertThat(c.address().type()).isEqualTo(ResourceKind.CLUSTER));
    assertThat(plan.target().references()).containsExactly(local);
    assertThatThrownBy(() -> StateDiff.plan(desired, empty, "test")).isInstanceOf(PlanException.class);
  }

  @Test
  void aNameAnotherStackOwnsIsRefusedNamingTheOwnerAndTheFix() {
    StackLinks links = new StackLinks(Map.of(new ResourceAddress(ResourceKind.CLUSTER, "prod"), "platform",
        new ResourceAddress(ResourceKind.SERVICE, "prod/web"), "billing"), Map.of(), List.of());

    assertThatThrownBy(() -> StateDiff.plan(desired(), linked(links), "test")).isInstanceOfSatisfying(
        PlanException.class, e -> assertThat(e.problems()).containsExactly(
            "cluster \"prod\" belongs to stack 'platform', and a name has one owner: use it with"
                + " infra.existingCluster(\"prod\"), or remove it from stack 'platform' first (berth never moves a"
                + " resource between stacks)",
            "service \"prod/web\" belongs to stack 'billing', and a name has one owner: give this stack's one"
                + " another name, or remove it from stack 'billing' first (berth never moves a resource between"
                + " stacks)"));
  }

  @Test
  void deletingAClusterOtherStacksUseIsRefusedListingThem() {
    // the live stack declares clusters prod and staging; the desired one only prod
    StackLinks links = new StackLinks(Map.of(), Map.of(new ResourceAddress(ResourceKind.CLUSTER, "staging"),
        List.of("batch", "webapp")), List.of());

    assertThatThrownBy(() -> StateDiff.plan(desired(), linked(links), "test")).isInstanceOfSatisfying(
        PlanException.class, e -> assertThat(e.problems()).containsExactly(
            "cannot delete cluster \"staging\": stacks 'batch', 'webapp' still use it; remove those references and"
                + " apply those stacks first, or keep staging in stack 'shop'"));
    assertThat(StateDiff.plan(desired(), live(), "test").changes()).anySatisfy(c ->
        assertThat(c.address().toString()).isEqualTo("cluster \"staging\""));
  }

  @Test
  void anIamRoleByArnIsRecordedAsWrittenAndShownAsExternal() {
    String arn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
    TaskDefinition report = new TaskDefinition("report", Optional.empty(), Optional.of(arn), Optional.empty(),
        taskDefinition("report", "shop/report:1", 64).containerDefinitions(), null, null, null, Optional.empty(),
        Optional.empty(), null, Optional.empty(), Optional.empty(), Optional.empty(), null, Optional.empty(),
        Optional.empty(), Optional.empty());
    Plan plan = StateDiff.plan(with(List.of(new ExternalReference(ExternalReference.Kind.ROLE, "ecsTaskExecutionRole",
        Optional.of(arn))), report), live(), "test");

    ResourceChange change = plan.changes().stream().filter(c -> c.address().toString().equals(
        "task-definition \"report\"")).findFirst().orElseThrow();
    assertThat(change.notes()).contains("warning: execution role " + arn + " is external, not enforced on Berth"
        + " (kept for ECS); secrets are read with Berth roles only");
    assertThat(plan.target().taskDefinitions()).anySatisfy(r -> assertThat(r.definition().executionRoleArn())
        .contains(arn));
  }

  @Test
  void aBerthTaskRoleIsRecordedAndShownAsNotEnforcedYet() {
    String arn = "arn:berth:iam::role/report-task";
    TaskDefinition report = new TaskDefinition("report", Optional.of(arn), Optional.empty(), Optional.empty(),
        taskDefinition("report", "shop/report:1", 64).containerDefinitions(), null, null, null, Optional.empty(),
        Optional.empty(), null, Optional.empty(), Optional.empty(), Optional.empty(), null, Optional.empty(),
        Optional.empty(), Optional.empty());
    Plan plan = StateDiff.plan(with(List.of(), report), live(), "test");

    ResourceChange change = plan.changes().stream().filter(c -> c.address().toString().equals(
        "task-definition \"report\"")).findFirst().orElseThrow();
    assertThat(change.notes()).contains("task role " + arn + " is recorded, not enforced yet: Berth has no"
        + " task-credentials endpoint, so the containers get no credentials for it");
    assertThat(plan.target().taskDefinitions()).anySatisfy(r -> assertThat(r.definition().taskRoleArn())
        .contains(arn));
  }
}
