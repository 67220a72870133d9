package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.scheduler.deployment.DeploymentStatus;
import io.berth.engine.scheduler.deployment.RolloutState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What apply --wait decides from a service view: settled or not, failed or not. */
class ServiceViewTest {

  static ServiceView.DeploymentView deployment(String taskDefinition, int source, DeploymentStatus status, RolloutState state) {
    return new ServiceView.DeploymentView("d-" + taskDefinition, taskDefinition, source, status, state, 3, 3, 3, 0, "");
  }

  static ServiceView view(ServiceView.DeploymentView... newestFirst) {
    return new ServiceView("default", "web", "web", 3, 3, 3, 0, List.of(newestFirst));
  }

  @Test
  void aCompletedDeploymentWithNothingElseActiveIsSettledAndNotFailed() {
    ServiceView view = view(deployment("web:2", 2, DeploymentStatus.PRIMARY, RolloutState.COMPLETED),
        deployment("web:1", 1, DeploymentStatus.INACTIVE, RolloutState.COMPLETED));

    assertThat(view.settled()).isTrue();
    assertThat(view.failed()).isFalse();
  }

  @Test
  void aDeploymentInProgressOrOldTasksStillDrainingIsNotSettled() {
    assertThat(view(deployment("web:2", 2, DeploymentStatus.PRIMARY, RolloutState.IN_PROGRESS)).settled()).isFalse();
    assertThat(view(deployment("web:2", 2, DeploymentStatus.PRIMARY, RolloutState.COMPLETED),
        deployment("web:1", 1, DeploymentStatus.ACTIVE, RolloutState.COMPLETED)).settled()).isFalse();
  }

  @Test
  void aCompletedRollBackStillCountsAsAFailedApply() {
    ServiceView view = view(deployment("web:1", 2, DeploymentStatus.PRIMARY, RolloutState.COMPLETED),
        deployment("web:2", 2, DeploymentStatus.INACTIVE, RolloutState.FAILED),
        deployment("web:1", 1, DeploymentStatus.INACTIVE, RolloutState.COMPLETED));

    assertThat(view.settled()).isTrue();
    assertThat(view.failed()).isTrue();
  }

  @Test
  void aFailedDeploymentWithoutRollBackIsSettledAndFailed() {
    ServiceView view = view(deployment("web:2", 2, DeploymentStatus.PRIMARY, RolloutState.FAILED));

    assertThat(view.settled()).isTrue();
    assertThat(view.failed()).isTrue();
  }
}
