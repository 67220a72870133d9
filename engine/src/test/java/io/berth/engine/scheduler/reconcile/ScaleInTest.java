package io.berth.engine.scheduler.reconcile;

import static io.berth.engine.scheduler.Fixtures.T0;
import static io.berth.engine.scheduler.Fixtures.binpack;
import static io.berth.engine.scheduler.Fixtures.instance;
import static io.berth.engine.scheduler.Fixtures.service;
import static io.berth.engine.scheduler.Fixtures.taskDefinition;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.Fixtures;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskLaunch;
import io.berth.engine.scheduler.TaskStop;
import io.berth.engine.task.TaskStatus;
import io.berth.model.PlacementStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which tasks go when a service scales in: not-yet-healthy first, then by the strategy's rule. */
class ScaleInTest {
  private static final SchedulerSettings SETTINGS = ServiceSchedulerScenarioTest.SETTINGS;

  private static ServiceSpec web(int desired, List<PlacementStrategy> strategies) {
    return new ServiceSpec(service("web", desired, strategies, List.of(), 100, 200, false), taskDefinition("web", 0, 1024), "web:1");
  }

  @Test
  void binpackStopsOnTheInstanceWithTheMostFreeMemory() {
    Simulator sim = new Simulator(Duration.ofSeconds(5), SETTINGS)
        .addInstances(List.of(instance("i-01", "zone-a", 4096, 8192), instance("i-02", "zone-a", 4096, 2048)));
    sim.deploy(web(4, List.of(binpack("memory"))), Simulator.Script.good());
    sim.tickUntil(s -> s.steady("web"), 20);
    assertThat(sim.live("web")).extracting(Task::instanceId).containsExactlyInAnyOrder("i-01", "i-01", "i-02", "i-02");

    sim.deploy(web(2, List.of(binpack("memory"))), Simulator.Script.good());
    sim.tickUntilSteady("web", 20);

    assertThat(sim.live("web")).extracting(Task::instanceId).containsExactly("i-02", "i-02");
  }

  @Test
  void tasksThatAreNotYetHealthyAreStoppedFirst() {
    ClusterSnapshot empty = new ClusterSnapshot("default", Fixtures.instances(3, 4096, 4096, "zone-a", "zone-b", "zone-c"), List.of());
    ReconcileResult first = ServiceScheduler.reconcile(web(3, List.of()), empty, ServiceRuntime.initial("web"), T0, SETTINGS);
    List<Task> tasks = new ArrayList<>();
    for (TaskLaunch launch : first.tasksToStart()) {
      Task task = Task.pending(launch, T0);
      tasks.add(launch.taskId().equals("web-2") ? task : task.withLastStatus(TaskStatus.RUNNING, T0));
    }
    ClusterSnapshot later = empty.withTasks(tasks);

    ReconcileResult second = ServiceScheduler.reconcile(web(2, List.of()), later, first.runtime(), T0.plusSeconds(60), SETTINGS);

    assertThat(second.tasksToStop()).extracting(TaskStop::taskId).containsExactly("web-2");
    assertThat(second.tasksToStop().get(0).reason()).isEqualTo("Scaling activity initiated by (deployment ecs-svc/1)");
  }

  @Test
  void theSameInputsGiveTheSameDecisions() {
    ClusterSnapshot empty = new ClusterSnapshot("default", Fixtures.instances(5, 4096, 4096, "zone-a", "zone-b"), List.of());
    ServiceSpec spec = web(7, List.of(Fixtures.random()));

    ReconcileResult a = ServiceScheduler.reconcile(spec, empty, ServiceRuntime.initial("web"), T0, SETTINGS);
    ReconcileResult b = ServiceScheduler.reconcile(spec, empty, ServiceRuntime.initial("web"), T0, SETTINGS);

    assertThat(a).isEqualTo(b);
    assertThat(a.tasksToStart()).hasSize(7);
  }
}
