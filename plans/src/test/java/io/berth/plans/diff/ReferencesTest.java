package io.berth.plans.diff;

import static io.berth.plans.PlanFixtures.desired;
import static io.berth.plans.PlanFixtures.live;
import static io.berth.plans.PlanFixtures.taskDefinition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.model.DesiredState;
import io.berth.model.ExternalReference;
import io.berth.model.TaskDefinition;
import io.berth.plans.Plan;
import io.berth.plans.ResourceChange;
import java.util.ArrayList;
import java.util.List;
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

  @Test
  void aRoleOrClusterOfAnotherStackIsRefusedNamingIt() {
    DesiredState desired = with(List.of(
        new ExternalReference(ExternalReference.Kind.ROLE, "shared-task", Optional.empty()),
        new ExternalReference(ExternalReference.Kind.CLUSTER, "shared", Optional.empty())));

    assertThatThrownBy(() -> StateDiff.plan(desired, live(), "test")).isInstanceOfSatisfying(PlanException.class,
        e -> assertThat(e.problems()).containsExactly(
            "existing role 'shared-task' (infra.existingRole(\"shared-task\")) is not declared in the state being"
                + " planned, and Berth cannot use a role of another stack yet: declare it in this stack with"
                + " infra.role(\"shared-task\"), or name an IAM role by its ARN",
            "existing cluster 'shared' (infra.existingCluster(\"shared\")) is not declared in the state being"
                + " planned, and Berth cannot run services on a cluster of another stack yet: declare it in this"
                + " stack with infra.cluster(\"shared\")"));
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
