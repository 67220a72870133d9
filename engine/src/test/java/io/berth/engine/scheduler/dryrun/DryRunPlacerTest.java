package io.berth.engine.scheduler.dryrun;

import static io.berth.engine.scheduler.Fixtures.running;
import static io.berth.engine.scheduler.Fixtures.taskDefinition;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.Fixtures;
import io.berth.model.Cluster;
import io.berth.model.DeploymentConfiguration;
import io.berth.model.DesiredState;
import io.berth.model.InstanceGroup;
import io.berth.model.SchedulingStrategy;
import io.berth.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan's "Scheduler dry-run:" section, against declared capacity or the live runtime. */
class DryRunPlacerTest {
  private static final Cluster PROD = new Cluster("prod", List.of(
      new InstanceGroup("prod", 3, 2048, 4096, List.of("zone-a", "zone-b", "zone-c"), Optional.of("t3.medium"), Map.of())));

  private static Service service(String name, SchedulingStrategy strategy, int desired) {
    return new Service(name, "prod", name, Optional.empty(), strategy, Optional.of(desired), List.of(), List.of(),
        new DeploymentConfiguration(200, 100, Optional.empty()), Optional.empty(), List.of());
  }

  private static DesiredState stack(List<Service> services) {
    return new DesiredState(DesiredState.API_VERSION, "shop", List.of(PROD), List.of(),
        List.of(taskDefinition("web", 256, 1024), taskDefinition("db", 1024, 16384), taskDefinition("logs", 128, 128)),
        services, List.of());
  }

  @Test
  void saysWhereEveryTaskGoesAndWhichCannotBePlacedAgainstDeclaredCapacity() {
    DesiredState desired = stack(List.of(service("web", SchedulingStrategy.REPLICA, 4),
        service("db", SchedulingStrategy.REPLICA, 1), service("logs", SchedulingStrategy.DAEMON, 0)));

    DryRunReport report = DryRunPlacer.run(desired, Set.of(), Map.of());

    assertThat(report.basis()).isEqualTo("declared capacity");
    assertThat(report.allPlaced()).isFalse();
    assertThat(report.lines()).containsExactly(
        "Scheduler dry-run:",
        "  + service logs (cluster prod): all 3 tasks placed (prod-1: 1, prod-2: 1, prod-3: 1)",
        "  ! service db (cluster prod): 0 of 1 tasks placed; 1 cannot be placed: no ACTIVE instance has 16384 MiB memory free; "
            + "the most free is 3968 MiB on prod-1; add capacity or lower the task's memory",
        "  + service web (cluster prod): all 4 tasks placed (prod-1: 2, prod-2: 1, prod-3: 1)");
  }

  @Test
  void placesOnlyTheChangedServicesAgainstTheRuntimeWithoutTheTasksTheyReplace() {
    ClusterSnapshot live = new ClusterSnapshot("prod", Fixtures.instances(2, 2048, 2048, "zone-a", "zone-b"), List.of(
        running("old-web-1", "service:web", "i-01", 256, 1024, List.of()),
        running("other-1", "service:other", "i-02", 256, 1536, List.of())));
    DesiredState desired = stack(List.of(service("web", SchedulingStrategy.REPLICA, 2), service("db", SchedulingStrategy.REPLICA, 1)));

    DryRunReport report = DryRunPlacer.run(desired, Set.of("web"), Map.of("prod", live));

    assertThat(report.basis()).isEqualTo("runtime");
    assertThat(report.services()).singleElement().satisfies(s -> {
      // the old web task's 1024 MiB on i-01 is counted free: the new tasks replace it
      assertThat(s.summary()).isEqualTo("service web (cluster prod): all 2 tasks placed (i-01: 2)");
      assertThat(s.placements()).isEqualTo(Map.of("i-01", 2));
    });
  }

  @Test
  void aMissingTaskDefinitionIsReportedNotThrown() {
    DesiredState desired = new DesiredState(DesiredState.API_VERSION, "shop", List.of(PROD), List.of(), List.of(),
        List.of(service("web", SchedulingStrategy.REPLICA, 1)), List.of());

    DryRunReport report = DryRunPlacer.run(desired, Set.of(), Map.of());

    assertThat(report.services().get(0).unplacedReason())
        .contains("task definition family 'web' is not in the stack; declare it or fix the service's taskDefinition");
  }
}
