package io.berth.examples.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.examples.testkit.ApiShape;
import io.berth.examples.testkit.GoldenFiles;
import io.berth.examples.testkit.Synthesized;
import io.berth.model.DesiredState;
import io.berth.model.Effect;
import io.berth.model.SchedulingStrategy;
import io.berth.model.Service;
import org.junit.jupiter.api.Test;

/** What {@code mvn compile} synthesized for the platform stack. */
class PlatformSynthesisTest {
  private final DesiredState state = Synthesized.desiredState("platform");

  @Test
  void taskDefinitionsAreValidRegisterTaskDefinitionRequests() {
    ApiShape.assertTaskDefinitionsAreRegisterRequests("platform");
  }

  @Test
  void synthesizedJsonEqualsTheGoldenFiles() {
    GoldenFiles.assertMatchGolden("platform");
  }

  @Test
  void theLogAgentRunsAsADaemonOnBothClusters() {
    assertThat(state.clusters()).extracting(c -> c.name()).containsExactlyInAnyOrder("core", "edge", "local");
    assertThat(state.services().stream().filter(s -> s.taskDefinition().startsWith("log-agent")))
        .extracting(Service::cluster).containsExactlyInAnyOrder("core", "edge");
    assertThat(state.services().stream().filter(s -> s.taskDefinition().startsWith("log-agent")))
        .allSatisfy(s -> assertThat(s.schedulingStrategy()).isEqualTo(SchedulingStrategy.DAEMON));
  }

  @Test
  void rolesCombineAllowAndDenyStatements() {
    assertThat(state.roles()).filteredOn(r -> r.name().equals("log-agent-execution")).singleElement()
        .satisfies(role -> assertThat(role.statements()).extracting(s -> s.effect())
            .containsExactly(Effect.ALLOW, Effect.DENY));
  }

  @Test
  void servicesArePinnedWithMemberOfConstraints() {
    assertThat(state.services()).filteredOn(s -> s.serviceName().equals("cache")).singleElement()
        .satisfies(s -> assertThat(s.placementConstraints()).singleElement()
            .satisfies(c -> assertThat(c.expression()).contains("attribute:ecs.instance-type =~ r5.*")));
  }
}
