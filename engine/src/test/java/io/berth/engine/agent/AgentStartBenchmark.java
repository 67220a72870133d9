package io.berth.engine.agent;

import static io.berth.engine.docker.DockerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.DesiredStatus;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.docker.DockerFixture;
import io.berth.engine.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (no timing is asserted): how long one agent takes from a sync that assigns
 * N web tasks to all of them reported RUNNING, and to all STOPPED after they are told to stop,
 * next to {@code docker run -d} / {@code docker stop} of the same N containers from the CLI.
 *
 * <p>Run: {@code mvn -q -B -o -pl engine -am test -Dtest=AgentStartBenchmark -Dberth.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (optional {@code -Dberth.bench.tasks=20}).
 */
@EnabledIfSystemProperty(named = "berth.bench", matches = "true")
class AgentStartBenchmark {
  private static final int TASKS = Integer.getInteger("berth.bench.tasks", 20);
  private static final Duration WAIT = Duration.ofMinutes(3);

  @AfterAll
  static void cleanUp() {
    DockerFixture.cleanUp();
  }

  @Test
  void agentVersusDockerCli(@TempDir Path dataDir) throws Exception {
    DockerClient docker = DockerFixture.docker();
    Duration[] cli = dockerCli();

    try (FakeControlPlane server = new FakeControlPlane()) {
      Agent agent = new Agent(AgentConfig.of(server.url(), FakeControlPlane.TOKEN, dataDir)
          .withSyncInterval(Duration.ofMillis(200)).withPollInterval(Duration.ofMillis(200))
          .withLabel(DockerFixture.TEST_LABEL, DockerFixture.RUN), docker);
      agent.start();
      assertThat(agent.awaitRegistered(WAIT)).isTrue();
      List<String> ids = new ArrayList<>();
      var definition = DockerFixture.parse("{'family':'bench','containerDefinitions':[{'name':'web','image':'"
          + DockerFixture.WEBAPP + "','memory':32,'portMappings':[{'containerPort':8080}]}]}");

      long start = System.nanoTime();
      for (int i = 0; i < TASKS; i++) {
        String id = "bench" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
        ids.add(id);
        server.assign(new AssignedTask(id, "default", "service:bench", "bench", 1, definition,
            DesiredStatus.RUNNING, "bench"));
      }
      awaitAll(server, ids, TaskStatus.RUNNING);
      Duration berthStart = Duration.ofNanos(System.nanoTime() - start);

      start = System.nanoTime();
      ids.forEach(server::stopTask);
      awaitAll(server, ids, TaskStatus.STOPPED);
      Duration berthStop = Duration.ofNanos(System.nanoTime() - start);
      agent.stopAndRemoveTasks(WAIT);

      System.out.printf("%nAgentStartBenchmark, %d web tasks (bridge, dynamic port):%n", TASKS);
      System.out.printf("  start: berth agent %6d ms   docker run -d %6d ms   ratio %.2f%n",
          berthStart.toMillis(), cli[0].toMillis(), (double) berthStart.toMillis() / cli[0].toMillis());
      System.out.printf("  stop:  berth agent %6d ms   docker stop   %6d ms   ratio %.2f%n%n",
          berthStop.toMillis(), cli[1].toMillis(), (double) berthStop.toMillis() / cli[1].toMillis());
    }
  }

  private static void awaitAll(FakeControlPlane server, List<String> ids, TaskStatus status) {
    await(WAIT, () -> ids.stream().filter(id -> server.observed(id).map(ObservedTask::lastStatus)
        .filter(s -> s == status).isPresent()).count(), n -> n == ids.size());
  }

  /** Start and stop times of the same containers through the docker CLI, one command each. */
  private static Duration[] dockerCli() throws Exception {
    List<String> names = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < TASKS; i++) {
      String name = "berth-bench-cli-" + DockerFixture.RUN + "-" + i;
      names.add(name);
      run("docker", "run", "-d", "--name", name, "--label", DockerFixture.TEST_LABEL + "=" + DockerFixture.RUN,
          "-m", "32m", "-p", "127.0.0.1::8080", DockerFixture.WEBAPP);
    }
    Duration started = Duration.ofNanos(System.nanoTime() - start);
    start = System.nanoTime();
    for (String name : names) {
      run("docker", "stop", name);
    }
    Duration stopped = Duration.ofNanos(System.nanoTime() - start);
    for (String name : names) {
      run("docker", "rm", "-f", name);
    }
    return new Duration[] {started, stopped};
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }
}
