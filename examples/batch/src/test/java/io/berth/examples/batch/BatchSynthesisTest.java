package io.berth.examples.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.examples.testkit.ApiShape;
import io.berth.examples.testkit.GoldenFiles;
import io.berth.examples.testkit.Synthesized;
import io.berth.model.ContainerCondition;
import io.berth.model.DesiredState;
import io.berth.model.TaskDefinition;
import io.berth.model.VolumeScope;
import org.junit.jupiter.api.Test;

/** What {@code mvn compile} synthesized for the batch stack. */
class BatchSynthesisTest {
  private final DesiredState state = Synthesized.desiredState("batch");

  @Test
  void taskDefinitionsAreValidRegisterTaskDefinitionRequests() {
    ApiShape.assertTaskDefinitionsAreRegisterRequests("batch");
  }

  @Test
  void synthesizedJsonEqualsTheGoldenFiles() {
    GoldenFiles.assertMatchGolden("batch");
  }

  @Test
  void theReportStartsOnlyAfterTheInitContainerSucceeded() {
    TaskDefinition report = state.taskDefinitions().get(0);
    assertThat(report.container("fetch").orElseThrow().isEssential()).isFalse();
    assertThat(report.container("report").orElseThrow().dependsOn()).singleElement().satisfies(d -> {
      assertThat(d.containerName()).isEqualTo("fetch");
      assertThat(d.condition()).isEqualTo(ContainerCondition.SUCCESS);
    });
  }

  @Test
  void bothContainersMountOneSharedDockerVolume() {
    TaskDefinition report = state.taskDefinitions().get(0);
    assertThat(report.volumes()).singleElement().satisfies(volume -> assertThat(
        volume.dockerVolumeConfiguration().orElseThrow().scope()).contains(VolumeScope.SHARED));
    assertThat(report.containerDefinitions()).allSatisfy(c ->
        assertThat(c.mountPoints()).singleElement().satisfies(m -> assertThat(m.sourceVolume()).contains("work")));
  }

  @Test
  void scheduledActionsResizeTheWorkerPoolByNightAndDay() {
    assertThat(state.scaling()).singleElement().satisfies(scaling ->
        assertThat(scaling.scheduledActions()).hasSize(2));
  }
}
