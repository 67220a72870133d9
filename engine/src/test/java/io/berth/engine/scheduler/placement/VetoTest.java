package io.berth.engine.scheduler.placement;

import static io.berth.engine.scheduler.Fixtures.instance;
import static io.berth.engine.scheduler.Fixtures.memberOf;
import static io.berth.engine.scheduler.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.Fixtures;
import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.PortBinding;
import io.berth.engine.scheduler.TaskRequirements;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An unplaceable task says, per instance, which stage turned it away and why. */
class VetoTest {

  @Test
  void eachRejectedInstanceNamesTheFirstStageThatVetoedIt() {
    ClusterSnapshot snapshot = new ClusterSnapshot("default", List.of(
        instance("i-01", "zone-a", 4096, 4096).withStatus(InstanceStatus.DRAINING),
        instance("i-02", "zone-c", 4096, 4096),
        instance("i-03", "zone-a", 4096, 256),
        instance("i-04", "zone-b", 4096, 4096),
        instance("i-05", "zone-b", 4096, 4096)),
        List.of(running("t", "service:other", "i-04", 0, 0, List.of(new PortBinding("x", 80, 80, "tcp"))),
            running("w", "service:web", "i-05", 0, 0, List.of())));
    PlacementRequest request = new PlacementRequest("service:web",
        new TaskRequirements(0, 512, List.of(new TaskRequirements.PortRequest("app", 80, 80, "tcp"))), List.of(),
        List.of(memberOf("attribute:ecs.availability-zone != zone-c"), Fixtures.distinctInstance()), 1);

    PlacementResult result = Placer.place(snapshot, request, 0L);

    assertThat(result.vetoes()).containsExactly(
        new Veto("StatusFilter", "i-01", "instance is DRAINING"),
        new Veto("ConstraintFilter", "i-02", "does not satisfy memberOf(attribute:ecs.availability-zone != zone-c)"),
        new Veto("ResourceFilter", "i-03", "needs 512 MiB memory, has 256 MiB free"),
        new Veto("PortFilter", "i-04", "host port 80 is already in use"),
        new Veto("TaskConstraintFilter", "i-05", "already runs a task of service:web (distinctInstance)"));
    assertThat(result.reason()).contains("no ACTIVE instance matching memberOf(attribute:ecs.availability-zone != zone-c) can take "
        + "the task: 1 lack 512 MiB memory (closest: 256 MiB free on i-03), 1 cannot give its host ports "
        + "(host port 80 is already in use); add capacity or free the ports");
  }
}
