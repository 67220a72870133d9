package io.berth.engine.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.engine.scheduler.ClusterSnapshot;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.InstanceStatus;
import io.berth.engine.scheduler.PlatformRequirements;
import io.berth.engine.scheduler.TaskRequirements;
import io.berth.json.BerthJson;
import io.berth.model.CpuArchitecture;
import io.berth.model.OsFamily;
import io.berth.model.TaskDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** runtimePlatform and task-level limits as placement requirements on the instances' attributes: pure. */
class PlatformFilterTest {
  private static final Map<String, String> X86_LINUX = Map.of(ContainerInstance.CPU_ARCHITECTURE, "x86_64",
      ContainerInstance.OS_TYPE, "linux", ContainerInstance.TASK_LIMITS, "cgroup v1");
  private static final Map<String, String> ARM_LINUX = Map.of(ContainerInstance.CPU_ARCHITECTURE, "arm64",
      ContainerInstance.OS_TYPE, "linux", ContainerInstance.TASK_LIMITS_UNSUPPORTED, "cgroup driver systemd");
  private static final Map<String, String> WINDOWS = Map.of(ContainerInstance.CPU_ARCHITECTURE, "x86_64",
      ContainerInstance.OS_TYPE, "windows", ContainerInstance.OS_FAMILY, "WINDOWS_SERVER_2022_CORE");

  private static PlatformRequirements of(CpuArchitecture arch, OsFamily os, boolean taskSize) {
    String platform = arch == null && os == null ? "" : ",\"runtimePlatform\":{"
        + (arch == null ? "" : "\"cpuArchitecture\":\"" + arch.apiValue() + "\"" + (os == null ? "" : ","))
        + (os == null ? "" : "\"operatingSystemFamily\":\"" + os.apiValue() + "\"") + "}";
    String json = "{\"family\":\"web\"" + (taskSize ? ",\"cpu\":\"256\"" : "") + platform
        + ",\"containerDefinitions\":[{\"name\":\"app\",\"image\":\"x:1\",\"memory\":64}]}";
    try {
      return PlatformRequirements.of(BerthJson.mapper().readValue(json, TaskDefinition.class));
    } catch (JsonProcessingException e) {
      throw new AssertionError(json, e);
    }
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("no runtimePlatform", of(null, null, false), ARM_LINUX, null),
        Arguments.of("X86_64 on x86_64", of(CpuArchitecture.X86_64, OsFamily.LINUX, false), X86_LINUX, null),
        Arguments.of("ARM64 on x86_64", of(CpuArchitecture.ARM64, null, false), X86_LINUX,
            "needs ecs.cpu-architecture arm64 (runtimePlatform), has x86_64"),
        Arguments.of("ARM64 on arm64", of(CpuArchitecture.ARM64, OsFamily.LINUX, false), ARM_LINUX, null),
        Arguments.of("LINUX on windows", of(null, OsFamily.LINUX, false), WINDOWS,
            "needs ecs.os-type linux (runtimePlatform), has windows"),
        Arguments.of("Windows on linux", of(null, OsFamily.WINDOWS_SERVER_2022_CORE, false), X86_LINUX,
            "needs ecs.os-type windows (runtimePlatform), has linux"),
        Arguments.of("another Windows release", of(null, OsFamily.WINDOWS_SERVER_2019_FULL, false), WINDOWS,
            "needs ecs.os-family WINDOWS_SERVER_2019_FULL (runtimePlatform), has WINDOWS_SERVER_2022_CORE"),
        Arguments.of("an instance that reports nothing", of(CpuArchitecture.ARM64, OsFamily.LINUX, true), Map.of(),
            null),
        Arguments.of("task size where limits hold", of(null, null, true), X86_LINUX, null),
        Arguments.of("task size where they cannot", of(null, null, true), ARM_LINUX,
            "cannot enforce task-level cpu and memory (cgroup driver systemd)"),
        Arguments.of("no task size where they cannot", of(CpuArchitecture.ARM64, null, false), ARM_LINUX, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void anInstanceIsVetoedOnlyForAnAttributeThatContradictsTheTask(String name, PlatformRequirements needs,
      Map<String, String> attributes, String veto) {
    assertThat(needs.unmet(attributes)).isEqualTo(Optional.ofNullable(veto));
  }

  @Test
  void theSchedulerPlacesOnlyOnMatchingInstancesAndSaysWhyNoneMatch() {
    ClusterSnapshot cluster = new ClusterSnapshot("prod", List.of(instance("i-1", X86_LINUX),
        instance("i-2", ARM_LINUX), instance("i-3", ARM_LINUX)), List.of());

    PlacementResult arm = Placer.place(cluster, request(of(CpuArchitecture.ARM64, OsFamily.LINUX, false), 2), 0L);
    PlacementResult sized = Placer.place(cluster, request(of(CpuArchitecture.ARM64, OsFamily.LINUX, true), 1), 0L);

    assertThat(arm.placements()).extracting(Placement::instanceId).containsExactlyInAnyOrder("i-2", "i-3");
    assertThat(sized.placements()).isEmpty();
    assertThat(sized.vetoes()).containsExactly(
        new Veto("PlatformFilter", "i-1", "needs ecs.cpu-architecture arm64 (runtimePlatform), has x86_64"),
        new Veto("PlatformFilter", "i-2", "cannot enforce task-level cpu and memory (cgroup driver systemd)"),
        new Veto("PlatformFilter", "i-3", "cannot enforce task-level cpu and memory (cgroup driver systemd)"));
    assertThat(sized.reason()).contains("no ACTIVE instance can run the task (i-1 needs ecs.cpu-architecture arm64"
        + " (runtimePlatform), has x86_64); add instances that can, or change the task definition's runtimePlatform"
        + " or task-level cpu and memory");
  }

  private static ContainerInstance instance(String id, Map<String, String> attributes) {
    return new ContainerInstance(id, InstanceStatus.ACTIVE, true, "test", Instant.EPOCH, attributes, 4096, 4096,
        ContainerInstance.DEFAULT_RESERVED_PORTS);
  }

  private static PlacementRequest request(PlatformRequirements platform, int count) {
    return new PlacementRequest("service:web", new TaskRequirements(256, 128, List.of(), platform), List.of(),
        List.of(), count);
  }
}
