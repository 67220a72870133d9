package io.berth.engine.scheduler.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.scheduler.Fixtures;
import io.berth.engine.task.HealthStatus;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Rolling deployments never break their percent bounds, whatever the desired count and percents. */
class DeploymentProperties {

  @Property(tries = 150)
  void deploymentsNeverBreakTheirPercentBounds(@ForAll @IntRange(min = 1, max = 10) int desired,
      @ForAll @IntRange(min = 0, max = 4) int minStep, @ForAll @IntRange(min = 0, max = 4) int maxStep,
      @ForAll @IntRange(min = 1, max = 6) int instances, @ForAll boolean withHealthCheck) {
    int min = minStep * 25;
    int max = 100 + maxStep * 25;
    int upper = (int) Math.floor(desired * max / 100.0);
    int lower = (int) Math.ceil(desired * min / 100.0);
    Assume.that(upper > desired || lower < desired); // otherwise no rolling update can make progress (as in ECS)
    SchedulerSettings settings = ServiceSchedulerScenarioTest.SETTINGS;
    Simulator sim = new Simulator(Duration.ofSeconds(5), settings)
        .addInstances(Fixtures.instances(instances, 8192, 8192, "zone-a", "zone-b", "zone-c"));
    var td = withHealthCheck
        ? Fixtures.taskDefinition("web", List.of(Fixtures.container("app", 64, 64, List.of(), true)))
        : Fixtures.taskDefinition("web", 64, 64);
    var service = Fixtures.service("web", desired, List.of(), List.of(), min, max, false);
    Simulator.Script script = withHealthCheck ? Simulator.Script.goodWithHealthCheck(Duration.ofSeconds(10)) : Simulator.Script.good();
    sim.deploy(new ServiceSpec(service, td, "web:1"), script);
    sim.tickUntilSteady("web", 30);

    sim.observe(s -> {
      long healthy = s.running("web").stream().filter(t -> t.health() == HealthStatus.HEALTHY
          || (!withHealthCheck && !s.now.isBefore(t.startedAt().orElseThrow().plus(settings.healthyAfterRunning())))).count();
      assertThat(s.live("web").size()).as("running+pending+stopping at %s", s.now).isLessThanOrEqualTo(upper);
      assertThat(healthy).as("healthy at %s", s.now).isGreaterThanOrEqualTo(lower);
    });
    sim.deploy(new ServiceSpec(service, td, "web:2"), script);
    sim.tickUntilSteady("web", 200);

    assertThat(sim.runningOf("web", "web:2")).hasSize(desired);
    assertThat(sim.live("web")).hasSize(desired);
  }
}
