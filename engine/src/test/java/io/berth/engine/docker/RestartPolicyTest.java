package io.berth.engine.docker;

import static io.berth.engine.docker.DockerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.task.TaskStatus;
import io.berth.engine.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Container restart policies on real Docker: a container that exits is restarted in place (same
 * Docker container) when its exit code is not ignored and it ran for its restartAttemptPeriod,
 * measured on the run's clock, which the test moves by hand; the exit itself is chosen by a signal
 * the container's shell traps.
 */
class RestartPolicyTest {
  private static final String INSTANCE = "i-restart-" + DockerFixture.RUN;
  /** Exits 3 on SIGUSR1 and 0 on SIGUSR2, runs until then. */
  private static final String TRAPPING = "'command':['sh','-c','three() { exit 3; }; zero() { exit 0; };"
      + " trap three USR1; trap zero USR2; while true; do sleep 0.1; done'],'stopTimeout':1";
  private static final String POLICY = "'restartPolicy':{'enabled':true,'ignoredExitCodes':[0],'restartAttemptPeriod':60}";

  private final MutableClock clock = new MutableClock();
  private final DockerRuntime runtime = new DockerRuntime(DockerFixture.docker());
  private final List<TaskRun> runs = new ArrayList<>();

  @AfterEach
  void stopTasks() throws InterruptedException {
    DockerFixture.stopAndRemove(runs);
  }

  @AfterAll
  static void cleanUp() {
    DockerFixture.cleanUp();
  }

  private TaskRun run(String containers) {
    TaskRun run = TaskRun.launch(runtime, DockerFixture.spec(INSTANCE, "{'family':'restart','containerDefinitions':["
        + containers + "]}"), SecretSource.NONE, TaskRun.Settings.defaults().withPollInterval(Duration.ofMillis(100))
        .withClock(clock), o -> { });
    runs.add(run);
    return run;
  }

  private static String dockerId(TaskRun run, String container) {
    return run.observation().container(container).orElseThrow().dockerId().orElseThrow();
  }

  private static void signal(TaskRun run, String container, String signal) {
    DockerFixture.docker().killContainerCmd(dockerId(run, container)).withSignal(signal).exec();
  }

  private static boolean running(TaskRun run, String container) {
    return run.observation().container(container).orElseThrow().lastStatus() == TaskStatus.RUNNING;
  }

  @Test
  void anEssentialContainerIsRestartedInPlaceOncePerAttemptPeriodThenItsExitStopsTheTask() {
    TaskRun run = run("{'name':'app','image':'" + DockerFixture.BUSYBOX + "','memory':16," + TRAPPING + "," + POLICY
        + "}");
    await(Duration.ofSeconds(30), run::observation, o -> o.lastStatus() == TaskStatus.RUNNING);
    String before = dockerId(run, "app");

    clock.advance(Duration.ofSeconds(61));
    signal(run, "app", "USR1");
    await(Duration.ofSeconds(20), run::restartCounts, counts -> counts.getOrDefault("app", 0) == 1);
    await(Duration.ofSeconds(20), () -> running(run, "app"), r -> r);

    assertThat(dockerId(run, "app")).as("restarted in place").isEqualTo(before);
    assertThat(run.observation().lastStatus()).isEqualTo(TaskStatus.RUNNING);

    clock.advance(Duration.ofSeconds(59)); // 59 s since the restart: within the attempt period
    signal(run, "app", "USR1");
    TaskObservation stopped = await(Duration.ofSeconds(20), run::observation,
        o -> o.lastStatus() == TaskStatus.STOPPED);

    assertThat(stopped.stoppedReason()).hasValueSatisfying(r -> assertThat(r)
        .startsWith("Essential container in task exited: app (exit code 3"));
    assertThat(run.restartCounts()).containsEntry("app", 1);
  }

  @Test
  void aNonEssentialContainerRestartsWithoutTouchingItsTaskAndAnIgnoredExitCodeIsLeftAlone() {
    TaskRun run = run("{'name':'app','image':'" + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,"
        + "'command':['sleep','60']},{'name':'side','essential':false,'image':'" + DockerFixture.BUSYBOX
        + "','memory':16," + TRAPPING + "," + POLICY + "}");
    await(Duration.ofSeconds(30), run::observation, o -> o.lastStatus() == TaskStatus.RUNNING
        && running(run, "side"));

    clock.advance(Duration.ofSeconds(60));
    signal(run, "side", "USR1");
    await(Duration.ofSeconds(20), run::restartCounts, counts -> counts.getOrDefault("side", 0) == 1);
    await(Duration.ofSeconds(20), () -> running(run, "side"), r -> r);

    clock.advance(Duration.ofSeconds(600));
    signal(run, "side", "USR2");
    ContainerObservation side = await(Duration.ofSeconds(20), () -> run.observation().container("side").orElseThrow(),
        ContainerObservation::stopped);

    assertThat(side.exitCode()).contains(0);
    assertThat(run.restartCounts()).containsEntry("side", 1);
    assertThat(run.observation().lastStatus()).isEqualTo(TaskStatus.RUNNING);
    assertThat(running(run, "app")).isTrue();
  }
}
