package io.berth.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import io.berth.engine.docker.DockerRuntime;
import io.berth.engine.server.ReconcileSettings;
import io.berth.engine.server.ServedApply;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The warm-up of {@code berth up} with the applier {@code berth up} really gives its control plane
 * ({@link ServedApply#serve}): the rehearsal's declared commit goes through the served apply, plan
 * text included, so the first real apply finds that path warm.
 */
class WarmUpThroughApplyTest {
  @Test
  void theRehearsalAppliesThroughTheServedApplyAndRendersItsPlan() {
    WarmUpTest.RecordingDocker transport = new WarmUpTest.RecordingDocker();
    DockerRuntime docker = new DockerRuntime(DockerClientImpl.getInstance(
        DefaultDockerClientConfig.createDefaultConfigBuilder().build(), transport));

    WarmUp.Rehearsed rehearsed = WarmUp.rehearse(docker, ReconcileSettings.defaults(), Optional.of(ServedApply::serve));

    assertThat(rehearsed.planTextChars()).as("the plan text the served apply printed").isPositive();
    assertThat(rehearsed.tasksPlaced()).as("tasks placed from the commit it made").isEqualTo(6);
    assertThat(transport.requests).isEmpty();
  }
}
