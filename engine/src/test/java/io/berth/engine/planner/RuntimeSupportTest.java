package io.berth.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.dsl.Container;
import io.berth.dsl.Infra;
import io.berth.dsl.Service;
import io.berth.dsl.TaskDefinition;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.state.RuntimeStore;
import io.berth.engine.state.StateRepository;
import io.berth.model.Compatibility;
import io.berth.model.CpuArchitecture;
import io.berth.model.DesiredState;
import io.berth.model.LogDriver;
import io.berth.model.NetworkMode;
import io.berth.model.OsFamily;
import io.berth.validation.UnsupportedSetting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plan refuses what Berth's runtime cannot carry out, naming the setting, the resource path and
 * the alternative; what it does carry out plans without a word.
 */
class RuntimeSupportTest {
  private static final Set<UnsupportedSetting> COVERED = EnumSet.noneOf(UnsupportedSetting.class);

  @TempDir Path dir;

  /** One stack per unsupported setting, and the path the refusal names. */
  static Stream<Arguments> unsupported() {
    return Stream.of(
        row(UnsupportedSetting.FARGATE, "taskDefinition[web].requiresCompatibilities",
            task(t -> t.networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE))),
        row(UnsupportedSetting.RESOURCE_REQUIREMENTS, "taskDefinition[web].container[app].resourceRequirements[0]",
            container(c -> c.gpus(1))),
        row(UnsupportedSetting.EPHEMERAL_STORAGE, "taskDefinition[web].ephemeralStorage",
            task(t -> t.ephemeralStorage(30))),
        row(UnsupportedSetting.LOG_DRIVER, "taskDefinition[web].container[app].logConfiguration.logDriver",
            container(c -> c.logConfiguration(l -> l.driver(LogDriver.AWSLOGS).option("awslogs-group", "g")))),
        row(UnsupportedSetting.EFS_VOLUME, "taskDefinition[web].volume[fs].efsVolumeConfiguration",
            task(t -> t.efsVolume("fs", "fs-1"))),
        row(UnsupportedSetting.ENVIRONMENT_FILES, "taskDefinition[web].container[app].environmentFiles[0]",
            container(c -> c.environmentFile("arn:aws:s3:::bucket/app.env"))),
        row(UnsupportedSetting.CONTAINER_PORT_RANGE,
            "taskDefinition[web].container[app].portMappings[1].containerPortRange",
            container(c -> c.portMapping(p -> p.containerPortRange("9000-9010")))),
        row(UnsupportedSetting.PROXY_CONFIGURATION, "taskDefinition[web].proxyConfiguration",
            task(t -> t.networkMode(NetworkMode.AWSVPC).proxyConfiguration("app", p -> p.property("AppPorts", "80")))),
        row(UnsupportedSetting.CREDENTIAL_SPECS, "taskDefinition[web].container[app].credentialSpecs[0]",
            container(c -> c.credentialSpec("credentialspec:arn:aws:ssm:us-east-1:1:parameter/s"))));
  }

  private static Arguments row(UnsupportedSetting setting, String path, DesiredState desired) {
    COVERED.add(setting);
    return Arguments.of(setting, path, desired);
  }

  private static DesiredState container(Consumer<Container> extra) {
    return stack(t -> { }, extra, s -> { });
  }

  private static DesiredState task(Consumer<TaskDefinition> extra) {
    return stack(extra, c -> { }, s -> { });
  }

  private static DesiredState stack(Consumer<TaskDefinition> task, Consumer<Service> service) {
    return stack(task, c -> { }, service);
  }

  /** Stack "shop": cluster prod, task definition web with container app (image, 128 MiB, port 8080), service web. */
  private static DesiredState stack(Consumer<TaskDefinition> task, Consumer<Container> app, Consumer<Service> service) {
    return Infra.evaluate("shop", infra -> {
      TaskDefinition web = infra.taskDefinition("web")
          .container("app", c -> app.accept(c.image("local/app:1").memory(128).portMapping(8080)));
      task.accept(web);
      service.accept(infra.service("web", infra.cluster("prod"), web));
    }).state();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupported")
  void aSettingBerthsRuntimeDoesNotRunIsRefusedNamingItsPathAndTheAlternative(UnsupportedSetting setting,
      String path, DesiredState desired) {
    assertThat(RuntimeSupport.problems(desired, Map.of()))
        .contains("[" + setting.code() + "] " + path + ": " + setting.refusal());
    assertThat(setting.refusal()).startsWith("Berth's runtime does not run " + setting.setting() + ": ")
        .contains("; ");
  }

  @Test
  void everyUnsupportedSettingHasARow() {
    unsupported().count();
    assertThat(COVERED).containsExactlyInAnyOrder(UnsupportedSetting.values());
  }

  @Test
  void thePlannerRefusesBeforeDiffingListingEveryProblemInTheCommandsErrorStyle() {
    DesiredState desired = stack(t -> t.ephemeralStorage(30).container("side", c -> c.image("local/side:1")
        .memory(16).essential(false).logConfiguration(l -> l.driver(LogDriver.AWSFIRELENS))), s -> { });
    StringWriter err = new StringWriter();

    int exit = CommandErrors.run(new PrintWriter(err), () -> {
      try (StateRepository state = StateRepository.init(dir.resolve("state"))) {
        new Planner(state, SchedulerDryRun.NONE).plan(desired);
        return 0;
      }
    });

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).startsWith("error: stack shop cannot run on Berth's runtime: 2 settings Berth does"
        + " not carry out (change them for a stack Berth deploys; the synthesized JSON still works on ECS):\n"
        + "  [BerthUnsupportedEphemeralStorage] taskDefinition[web].ephemeralStorage: Berth's runtime does not run"
        + " ephemeralStorage: ")
        .contains("\n  [BerthUnsupportedLogDriver] taskDefinition[web].container[side].logConfiguration.logDriver:"
            + " Berth's runtime does not run the awslogs/awsfirelens log driver: the agents cannot send logs to"
            + " CloudWatch Logs or FireLens; use the json-file or local log driver")
        .doesNotContain("Exception");
  }

  @Test
  void settingsBerthCarriesOutPlanWithoutAWord() {
    DesiredState desired = stack(t -> t.cpu(256).memory(512).runtimePlatform(CpuArchitecture.ARM64, OsFamily.LINUX)
        .container("side", c -> c.image("registry.example:5000/side:1").memory(16).essential(false)
            .repositoryCredentials("secret/registry").restartPolicy(r -> r.ignoredExitCodes(0))), s -> { });

    assertThat(RuntimeSupport.problems(desired, Map.of())).isEmpty();
    try (StateRepository state = StateRepository.init(dir.resolve("state"))) {
      assertThat(new Planner(state, SchedulerDryRun.NONE).plan(desired).hasChanges()).isTrue();
    }
  }

  @Test
  void taskLevelLimitsAreRefusedOnlyWhenNoRegisteredInstanceOfTheClusterCanEnforceThem() {
    DesiredState desired = stack(t -> t.cpu(256).memory(512), s -> { });
    RuntimeSupport.Instance cannot = new RuntimeSupport.Instance("i-1", Optional.of("Docker's cgroup driver is systemd"));
    RuntimeSupport.Instance can = new RuntimeSupport.Instance("i-2", Optional.empty());

    assertThat(RuntimeSupport.problems(desired, Map.of("prod", List.of(cannot)))).containsExactly(
        "[BerthUnsupportedTaskSize] taskDefinition[web].cpu: none of the 1 registered container instances of cluster"
            + " prod can enforce task-level cpu and memory (i-1: Docker's cgroup driver is systemd), so the tasks of"
            + " service web would never be placed; run agents whose Docker uses the cgroupfs cgroup driver, or set"
            + " cpu and memory on the containers instead of the task");
    assertThat(RuntimeSupport.problems(desired, Map.of("prod", List.of(cannot, can)))).isEmpty();
    assertThat(RuntimeSupport.problems(desired, Map.of("other", List.of(cannot)))).as("another cluster").isEmpty();
    assertThat(RuntimeSupport.problems(desired, Map.of())).as("no instance registered yet").isEmpty();
  }

  @Test
  void thePlannerReadsWhatTheClustersInstancesReportFromTheRuntimeRef() {
    DesiredState desired = stack(t -> t.memory(512), s -> { });
    try (StateRepository state = StateRepository.init(dir.resolve("state"))) {
      RuntimeStore runtime = state.runtime();
      runtime.commit(runtime.read().batch()
          .put(RuntimeStore.CONTAINER_INSTANCES, "i-1", Map.of("instanceId", "i-1", "cluster", "prod", "status",
              "ACTIVE", "attributes", Map.of(ContainerInstance.TASK_LIMITS_UNSUPPORTED, "no cgroupfs here")))
          .put(RuntimeStore.CONTAINER_INSTANCES, "i-2", Map.of("instanceId", "i-2", "cluster", "prod", "status",
              "LOST", "attributes", Map.of(ContainerInstance.TASK_LIMITS, "cgroup v1")))
          .build("two instances"));

      assertThatThrownBy(() -> new Planner(state, SchedulerDryRun.NONE).plan(desired))
          .isInstanceOf(UnsupportedOnBerthException.class)
          .hasMessageContaining("[BerthUnsupportedTaskSize] taskDefinition[web].memory: none of the 1 registered"
              + " container instances of cluster prod can enforce task-level cpu and memory (i-1: no cgroupfs here)");
    }
  }
}
