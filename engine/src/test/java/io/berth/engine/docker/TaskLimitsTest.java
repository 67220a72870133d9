package io.berth.engine.docker;

import static io.berth.engine.docker.DockerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.berth.engine.task.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task-level cpu and memory on real Docker: where this host's Docker allows it (cgroupfs driver, an
 * agent writing Docker's cgroup file system), every container of the task runs under one cgroup
 * parent holding the task's limits, which the kernel enforces for them together; where it does not,
 * the task stops saying why and the agent reports it.
 */
class TaskLimitsTest {
  private static final String INSTANCE = "i-limits-" + DockerFixture.RUN;
  /** Reads at most 256 MiB into a shell variable: killed under a 64 MiB task limit, else done in a second. */
  private static final String HOG = "{'name':'hog','essential':false,'image':'" + DockerFixture.BUSYBOX + "',"
      + "'memoryReservation':16,'command':['sh','-c','x=$(head -c 268435456 /dev/urandom); sleep 60'],'stopTimeout':1}";

  private final DockerRuntime runtime = new DockerRuntime(DockerFixture.docker());

  @TempDir Path tmp;

  @AfterAll
  static void cleanUp() {
    DockerFixture.cleanUp();
  }

  private TaskRun launch(String json) {
    return TaskRun.launch(runtime, DockerFixture.spec(INSTANCE, json), SecretSource.NONE,
        TaskRun.Settings.defaults().withPollInterval(Duration.ofMillis(100)), o -> { });
  }

  @Test
  void theTasksContainersShareACgroupParentHoldingItsLimitsOrTheTaskStopsSayingWhyNot() throws Exception {
    TaskRun run = launch("{'family':'sized','cpu':'256','memory':'64','containerDefinitions':[{'name':'app','image':'"
        + DockerFixture.BUSYBOX + "','memoryReservation':16,'command':['sleep','60'],'stopTimeout':1}," + HOG + "]}");
    TaskCgroups.Support support = runtime.taskCgroups().support();
    try {
      if (support instanceof TaskCgroups.Support.Unsupported unsupported) {
        TaskObservation stopped = await(Duration.ofSeconds(30), run::observation,
            o -> o.lastStatus() == TaskStatus.STOPPED);
        assertThat(stopped.stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains(
            "ResourceInitializationError: this container instance cannot enforce the task's cpu and memory: "
                + unsupported.reason()));
        return;
      }
      int version = ((TaskCgroups.Support.Enforced) support).version();
      await(Duration.ofSeconds(30), run::observation, o -> o.lastStatus() == TaskStatus.RUNNING);
      String parent = "/berth/" + run.spec().taskId() + "." + INSTANCE;
      InspectContainerResponse app = DockerFixture.docker().inspectContainerCmd(
          run.observation().container("app").orElseThrow().dockerId().orElseThrow()).exec();

      assertThat(app.getHostConfig().getCgroupParent()).isEqualTo(parent);
      assertThat(app.getHostConfig().getMemory()).as("no limit of its own").isIn(null, 0L);
      Path cgroup = version == 1 ? TaskCgroups.ROOT.resolve("memory" + parent) : TaskCgroups.ROOT.resolve(parent.substring(1));
      assertThat(cgroup.resolve(app.getId())).as("the container's cgroup is under its task's").isDirectory();
      if (version == 1) {
        assertThat(read(cgroup.resolve("memory.limit_in_bytes"))).isEqualTo("67108864");
        Path cpu = TaskCgroups.ROOT.resolve("cpu" + parent);
        assertThat(read(cpu.resolve("cpu.cfs_quota_us"))).isEqualTo("25000");
        assertThat(read(cpu.resolve("cpu.cfs_period_us"))).isEqualTo("100000");
        assertThat(read(cpu.resolve("cpu.shares"))).isEqualTo("256");
      } else {
        assertThat(read(cgroup.resolve("memory.max"))).isEqualTo("67108864");
        assertThat(read(cgroup.resolve("cpu.max"))).isEqualTo("25000 100000");
      }
      ContainerObservation hog = await(Duration.ofSeconds(30), () -> run.observation().container("hog").orElseThrow(),
          ContainerObservation::stopped);
      assertThat(hog.exitCode()).as("killed by the task's memory limit, having none of its own").contains(137);

      run.stop("test over");
      run.awaitStopped(Duration.ofSeconds(20));
      run.remove();
      assertThat(cgroup).as("removed with the task").doesNotExist();
    } finally {
      run.stop("test over");
      run.awaitStopped(Duration.ofSeconds(20));
    }
  }

  @Test
  void aDockerEngineWithAnotherCgroupDriverOrHostCannotEnforceThemAndSaysWhy() throws IOException {
    Files.createDirectories(tmp.resolve("v1/memory"));
    Files.createDirectories(tmp.resolve("v1/cpu"));
    Files.createDirectories(tmp.resolve("v2"));
    Files.writeString(tmp.resolve("v2/cgroup.controllers"), "cpu memory pids");

    assertThat(TaskCgroups.decide("systemd", "2", tmp.resolve("v2"))).isEqualTo(new TaskCgroups.Support.Unsupported(
        "Docker's cgroup driver is systemd, and Berth writes task limits into cgroupfs cgroup parents only (run"
            + " dockerd with --exec-opt native.cgroupdriver=cgroupfs)"));
    assertThat(TaskCgroups.decide("cgroupfs", "2", tmp.resolve("v1"))).isEqualTo(new TaskCgroups.Support.Unsupported(
        "Docker uses cgroup v2 but the agent sees cgroup v1 at " + tmp.resolve("v1")
            + ", so it does not run on Docker's host"));
    assertThat(TaskCgroups.decide("cgroupfs", "1", tmp.resolve("v1"))).isEqualTo(new TaskCgroups.Support.Enforced(1));
    assertThat(tmp.resolve("v1/memory/berth")).isDirectory();
    assertThat(TaskCgroups.quota(256)).isEqualTo(25_000);
    assertThat(TaskCgroups.quota(4)).as("CFS's 1 ms minimum").isEqualTo(1_000);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file).strip();
  }
}
