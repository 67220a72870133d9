package io.berth.engine.scheduler.placement;

import static io.berth.engine.scheduler.Fixtures.instances;
import static io.berth.engine.scheduler.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.Fixtures;
import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.PortBinding;
import io.berth.engine.scheduler.Task;
import io.berth.engine.scheduler.TaskRequirements;
import io.berth.model.ContainerDefinition;
import io.berth.model.TaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Dynamic host ports come from 49153-65535, never collide, and skip reserved and used ports. */
class PortAllocationTest {

  private static final TaskRequirements TWO_DYNAMIC = new TaskRequirements(0, 64, List.of(
      new TaskRequirements.PortRequest("web", 8080, 0, "tcp"), new TaskRequirements.PortRequest("admin", 9090, 0, "tcp")));

  @Test
  void dynamicPortsStartAtTheEphemeralRangeAndDoNotCollide() {
    ClusterSnapshot snapshot = new ClusterSnapshot("default", instances(1, 4096, 4096, "zone-a"), List.of());

    PlacementResult result = Placer.place(snapshot, new PlacementRequest("service:web", TWO_DYNAMIC, List.of(), List.of(), 2), 1L);

    assertThat(result.placements()).flatExtracting(Placement::ports).extracting(PortBinding::hostPort)
        .containsExactly(49153, 49154, 49155, 49156);
  }

  @Test
  void dynamicPortsSkipPortsInUseAndReservedAgentPorts() {
    ContainerInstance instance = new ContainerInstance("i-01", InstanceStatus.ACTIVE, true, "1", Fixtures.T0,
        Map.of(), 4096, 4096, Set.of(22, 49154));
    Task holder = running("t", "service:x", "i-01", 0, 0, List.of(new PortBinding("x", 1, 49153, "tcp")));
    ClusterSnapshot snapshot = new ClusterSnapshot("default", List.of(instance), List.of(holder));

    PlacementResult result = Placer.place(snapshot, new PlacementRequest("service:web", TWO_DYNAMIC, List.of(), List.of(), 1), 1L);

    assertThat(result.placements().get(0).ports()).extracting(PortBinding::hostPort).containsExactly(49155, 49156);
  }

  @Test
  void memoryIsTheReservationWhenSetElseTheHardLimit() {
    var soft = Fixtures.record(ContainerDefinition.class, Map.of("name", "a",
        "memory", Optional.of(1024), "memoryReservation", Optional.of(256)));
    var hard = Fixtures.container("b", 128, 300, List.of(), false);

    TaskRequirements requirements = TaskRequirements.of(Fixtures.taskDefinition("f", List.of(soft, hard)));

    assertThat(requirements.memory()).isEqualTo(556);
    assertThat(requirements.cpu()).isEqualTo(128);
  }

  @Test
  void taskLevelCpuAndMemoryWinAndAcceptEcsSpellings() {
    var definition = Fixtures.record(TaskDefinition.class, Map.of("family", "f",
        "cpu", Optional.of("0.5 vCPU"), "memory", Optional.of("1 GB"),
        "containerDefinitions", List.of(Fixtures.container("a", 10, 10, List.of(Fixtures.port(80, 0)), false))));

    TaskRequirements requirements = TaskRequirements.of(definition);

    assertThat(requirements.cpu()).isEqualTo(512);
    assertThat(requirements.memory()).isEqualTo(1024);
    assertThat(requirements.ports()).containsExactly(new TaskRequirements.PortRequest("a", 80, 0, "tcp"));
  }

  private static final TaskRequirements HOST_8080 = new TaskRequirements(0, 64, List.of(
      new TaskRequirements.PortRequest("web", 8080, 8080, "tcp", true)));
  private static final TaskRequirements BRIDGE_8080 = new TaskRequirements(0, 64, List.of(
      new TaskRequirements.PortRequest("web", 8080, 8080, "tcp")));

  private static ContainerInstance onMachine(String id, String machine) {
    return new ContainerInstance(id, InstanceStatus.ACTIVE, true, "1", Fixtures.T0,
        Map.of(ContainerInstance.MACHINE_ID, machine), 4096, 4096, Set.of());
  }

  @Test
  void aHostModePortIsTakenOnEveryInstanceOfTheSameMachine() {
    // three simulated hosts of one machine, and one instance on a machine of its own
    List<ContainerInstance> instances = List.of(onMachine("i-01", "m1"), onMachine("i-02", "m1"), onMachine("i-03", "m1"),
        onMachine("i-04", "m2"));
    ClusterSnapshot snapshot = new ClusterSnapshot("default", instances, List.of());

    PlacementResult result = Placer.place(snapshot, new PlacementRequest("service:web", HOST_8080, List.of(), List.of(), 4), 1L);

    assertThat(result.placements()).extracting(Placement::instanceId).containsExactlyInAnyOrder("i-01", "i-04");
    assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason)
        .contains("host port 8080 is already in use"));
  }

  @Test
  void bridgePortsOnDistinctAddressesShareAMachineButNotAHostModePort() {
    List<ContainerInstance> instances = List.of(onMachine("i-01", "m1"), onMachine("i-02", "m1"));
    Task hostMode = running("h", "service:x", "i-01", 0, 0, List.of(new PortBinding("x", 8080, 8080, "tcp", true)));
    Task bridged = running("b", "service:y", "i-01", 0, 0, List.of(new PortBinding("y", 9090, 9090, "tcp")));

    var bridge = Placer.place(new ClusterSnapshot("default", instances, List.of(bridged)),
        new PlacementRequest("service:web", new TaskRequirements(0, 64, List.of(new TaskRequirements.PortRequest("w", 9090,
            9090, "tcp"))), List.of(), List.of(), 1), 1L);
    var blockedByHostMode = Placer.place(new ClusterSnapshot("default", instances, List.of(hostMode)),
        new PlacementRequest("service:web", BRIDGE_8080, List.of(), List.of(), 2), 1L);
    var hostModeBlockedByBridge = Placer.place(new ClusterSnapshot("default", instances, List.of(bridged)),
        new PlacementRequest("service:web", new TaskRequirements(0, 64, List.of(new TaskRequirements.PortRequest("w", 9090,
            9090, "tcp", true))), List.of(), List.of(), 1), 1L);

    assertThat(bridge.placements()).as("each instance publishes 9090 on its own address").extracting(Placement::instanceId)
        .containsExactly("i-02");
    assertThat(blockedByHostMode.placements()).as("8080 is the machine's, held in host mode").isEmpty();
    assertThat(hostModeBlockedByBridge.placements()).as("host mode needs 9090 free on the whole machine").isEmpty();
  }

  @Test
  void instancesWithoutAMachineIdAreMachinesOfTheirOwn() {
    ClusterSnapshot snapshot = new ClusterSnapshot("default", instances(2, 4096, 4096, "zone-a"), List.of());

    PlacementResult result = Placer.place(snapshot, new PlacementRequest("service:web", HOST_8080, List.of(), List.of(), 2), 1L);

    assertThat(result.placements()).hasSize(2);
  }

  @Test
  void hostNetworkModePortsAreMachineWide() {
    var definition = Fixtures.record(TaskDefinition.class, Map.of("family", "f",
        "networkMode", Optional.of(io.berth.model.NetworkMode.HOST),
        "containerDefinitions", List.of(Fixtures.container("a", 10, 10, List.of(Fixtures.port(80, 80)), false))));

    assertThat(TaskRequirements.of(definition).ports()).containsExactly(new TaskRequirements.PortRequest("a", 80, 80, "tcp", true));
  }
}
