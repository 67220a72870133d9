package io.berth.engine.scheduler.placement;

import static io.berth.engine.scheduler.Fixtures.THREE_ZONES;
import static io.berth.engine.scheduler.Fixtures.binpack;
import static io.berth.engine.scheduler.Fixtures.distinctInstance;
import static io.berth.engine.scheduler.Fixtures.instance;
import static io.berth.engine.scheduler.Fixtures.instances;
import static io.berth.engine.scheduler.Fixtures.memberOf;
import static io.berth.engine.scheduler.Fixtures.random;
import static io.berth.engine.scheduler.Fixtures.running;
import static io.berth.engine.scheduler.Fixtures.spread;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskRequirements;
import io.berth.model.PlacementConstraint;
import io.berth.model.PlacementStrategy;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Table: (cluster, existing tasks, request) -> exact instances chosen, or the reason the rest stay PENDING. */
class PlacementTest {

  record Case(String name, List<ContainerInstance> instances, List<Task> existing, int cpu, int memory,
      List<TaskRequirements.PortRequest> ports, List<PlacementStrategy> strategies, List<PlacementConstraint> constraints,
      int count, List<String> expected, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("binpack(memory) fills the fullest instance that still fits",
            instances(3, 4096, 2048, "zone-a"), List.of(running("t1", "service:other", "i-02", 0, 1024, List.of())),
            0, 512, List.of(), List.of(binpack("memory")), List.of(), 3, List.of("i-02", "i-02", "i-01"), null),
        new Case("binpack(cpu) packs by cpu units",
            instances(2, 2048, 8192, "zone-a"), List.of(running("t1", "service:other", "i-02", 1024, 0, List.of())),
            512, 0, List.of(), List.of(binpack("cpu")), List.of(), 3, List.of("i-02", "i-02", "i-01"), null),
        new Case("spread(instanceId) deals tasks round the instances",
            instances(3, 4096, 4096, "zone-a"), List.of(), 0, 128, List.of(), List.of(spread("instanceId")), List.of(), 5,
            List.of("i-01", "i-02", "i-03", "i-01", "i-02"), null),
        new Case("the default strategy spreads over zones, then instances",
            instances(6, 4096, 4096, "zone-a", "zone-b", "zone-c"), List.of(), 0, 128, List.of(), List.of(), List.of(), 6,
            List.of("i-01", "i-02", "i-03", "i-04", "i-05", "i-06"), null),
        // the emptiest zone (of zones that tie, the first by name), then its fullest instance that fits
        new Case("spread over three zones then binpack memory",
            THREE_ZONES, List.of(), 0, 1024, List.of(),
            List.of(spread("attribute:ecs.availability-zone"), binpack("memory")), List.of(), 6,
            List.of("i-02", "i-04", "i-05", "i-02", "i-03", "i-05"), null),
        new Case("spread counts the service's own tasks already running",
            instances(3, 4096, 4096, "zone-a", "zone-b", "zone-c"),
            List.of(running("w1", "service:web", "i-01", 0, 128, List.of()), running("w2", "service:web", "i-02", 0, 128, List.of()),
                running("o1", "service:other", "i-03", 0, 128, List.of())),
            0, 128, List.of(), List.of(spread("attribute:ecs.availability-zone")), List.of(), 2, List.of("i-03", "i-01"), null),
        new Case("memberOf keeps tasks in the listed zones",
            instances(3, 4096, 4096, "zone-a", "zone-b", "zone-c"), List.of(), 0, 128, List.of(), List.of(spread("instanceId")),
            List.of(memberOf("attribute:ecs.availability-zone in [zone-b, zone-c]")), 4, List.of("i-02", "i-03", "i-02", "i-03"), null),
        new Case("memberOf with task:group keeps away from the database",
            instances(3, 4096, 4096, "zone-a"), List.of(running("db", "service:db", "i-01", 0, 128, List.of())),
            0, 128, List.of(), List.of(spread("instanceId")), List.of(memberOf("not(task:group == service:db)")), 2,
            List.of("i-02", "i-03"), null),
        new Case("memberOf on runningTasksCount sees tasks placed in the same pass",
            instances(2, 4096, 4096, "zone-a"), List.of(), 0, 128, List.of(), List.of(binpack("memory")),
            List.of(memberOf("runningTasksCount < 2")), 5, List.of("i-01", "i-01", "i-02", "i-02"),
            "no ACTIVE instance satisfies the placement constraints (does not satisfy memberOf(runningTasksCount < 2))"),
        new Case("distinctInstance puts each task on its own instance",
            instances(3, 4096, 4096, "zone-a"), List.of(), 0, 128, List.of(), List.of(binpack("memory")),
            List.of(distinctInstance()), 4, List.of("i-01", "i-02", "i-03"),
            "every ACTIVE instance already runs a task of service:web (distinctInstance)"),
        new Case("a fixed host port is used once per instance",
            instances(2, 4096, 4096, "zone-a"), List.of(), 0, 128, List.of(new TaskRequirements.PortRequest("app", 80, 80, "tcp")),
            List.of(binpack("memory")), List.of(), 3, List.of("i-01", "i-02"),
            "can give the task its host ports (host port 80 is already in use on every candidate)"),
        new Case("a reserved host port is never given out",
            instances(1, 4096, 4096, "zone-a"), List.of(), 0, 128, List.of(new TaskRequirements.PortRequest("app", 22, 22, "tcp")),
            List.of(), List.of(), 1, List.of(), "host port 22 is reserved on the instance"),
        new Case("memory shortage names the closest instance",
            List.of(instance("i-01", "zone-c", 4096, 256), instance("i-07", "zone-c", 4096, 384), instance("i-09", "zone-a", 4096, 8192)),
            List.of(), 0, 512, List.of(), List.of(), List.of(memberOf("attribute:ecs.availability-zone == zone-c")), 1, List.of(),
            "no ACTIVE instance matching memberOf(attribute:ecs.availability-zone == zone-c) has 512 MiB memory free; "
                + "the most free is 384 MiB on i-07; add capacity or lower the task's memory"),
        new Case("cpu shortage names the closest instance",
            List.of(instance("i-01", "zone-a", 256, 4096)), List.of(), 512, 128, List.of(), List.of(), List.of(), 1, List.of(),
            "no ACTIVE instance has 512 cpu units free; the most free is 256 on i-01"),
        new Case("DRAINING and disconnected instances get nothing",
            List.of(instance("i-01", "zone-a", 4096, 4096).withStatus(InstanceStatus.DRAINING),
                instance("i-02", "zone-a", 4096, 4096).withAgentConnected(false), instance("i-03", "zone-a", 4096, 4096)),
            List.of(), 0, 128, List.of(), List.of(), List.of(), 2, List.of("i-03", "i-03"), null),
        new Case("no usable instance at all says so",
            List.of(instance("i-01", "zone-a", 4096, 4096).withStatus(InstanceStatus.DRAINING)),
            List.of(), 0, 128, List.of(), List.of(), List.of(), 1, List.of(), "no container instance is ACTIVE with a connected agent"),
        new Case("an empty cluster says so",
            List.of(), List.of(), 0, 128, List.of(), List.of(), List.of(), 1, List.of(), "the cluster has no container instances"),
        new Case("an invalid memberOf expression names the position",
            instances(1, 4096, 4096, "zone-a"), List.of(), 0, 128, List.of(), List.of(), List.of(memberOf("attribute:zone is a")), 1,
            List.of(), "expected an operator"),
        new Case("random with a seed is repeatable and stays on feasible instances",
            instances(4, 4096, 4096, "zone-a"), List.of(), 0, 4096, List.of(), List.of(random()), List.of(), 4,
            List.of("i-01", "i-02", "i-04", "i-03"), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void placesExactly(Case c) {
    ClusterSnapshot snapshot = new ClusterSnapshot("default", c.instances(), c.existing());
    PlacementRequest request = new PlacementRequest("service:web", new TaskRequirements(c.cpu(), c.memory(), c.ports()),
        c.strategies(), c.constraints(), c.count());

    PlacementResult result = Placer.place(snapshot, request, 7L);

    assertThat(result.placements()).extracting(Placement::instanceId).containsExactlyElementsOf(c.expected());
    assertThat(result.unplacedCount()).isEqualTo(c.count() - c.expected().size());
    if (c.reason() == null) {
      assertThat(result.reason()).isEmpty();
    } else {
      assertThat(result.reason()).get().asString().contains(c.reason());
    }
  }
}
