package io.berth.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.github.dockerjava.api.DockerClient;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.ObservedContainer;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.server.ServiceEventRecord;
import io.berth.engine.server.StateRepoFixture;
import io.berth.engine.server.TaskRecord;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An essential container that dies — killed by a signal, or by the kernel for using more memory
 * than its limit — is reported as the agent saw it: the task's stopped reason names the container
 * and its exit code (and the out-of-memory kill), the container carries exit code 137, and the
 * service's events do not call it a failed health check. Real Docker, one agent.
 */
@Tag("e2e")
class ContainerExitE2ETest {
  static final TypeReference<List<TaskRecord>> TASKS = new TypeReference<>() {};
  static final TypeReference<List<ServiceEventRecord>> EVENTS = new TypeReference<>() {};

  DockerClient docker;
  Path work;
  StateRepoFixture state;
  LocalCluster cluster;
  ControlPlaneClient admin;

  @BeforeEach
  void start() throws Exception {
    docker = DockerEngine.connect();
    ExampleImages.buildIfAbsent(docker);
    work = Files.createTempDirectory("berth-exit");
    state = new StateRepoFixture(work.resolve(".berth/state"));
    cluster = LocalCluster.start(new LocalCluster.Options(work, work.resolve(".berth/state"), 0, 1, List.of("zone-a"),
        2048, 4096, Duration.ofSeconds(2), Duration.ofMillis(300), Map.of()));
    admin = new ControlPlaneClient(cluster.uri(), cluster.upFile().adminToken());
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
    state.close();
    docker.close();
  }

  @Test
  void aKilledEssentialContainerIsReportedAsExitedWithItsCodeNotAsAFailedHealthCheck() throws Exception {
    state.taskDefinitionJson("checked", 1, """
        {"family":"checked","containerDefinitions":[{"name":"web","image":"%s","memory":64,
         "healthCheck":{"command":["CMD-SHELL","true"],"interval":5,"timeout":2,"retries":1}}]}
        """.formatted(ExampleImages.WEBAPP_1))
        .service("checked", "checked", 1, 0, 100, false, "").commit();
    TaskRecord running = await(t -> t.serviceName().equals("checked") && t.lastStatus() == TaskStatus.RUNNING
        && t.healthStatus() == HealthStatus.HEALTHY, "a healthy task of service checked");

    docker.killContainerCmd(running.containers().get(0).dockerId()).exec();
    TaskRecord stopped = await(t -> t.taskId().equals(running.taskId()) && t.lastStatus() == TaskStatus.STOPPED,
        "the killed task to stop");

    assertThat(stopped.stoppedReason()).contains("Essential container in task exited: web (exit code 137)");
    assertThat(stopped.containers()).extracting(ObservedContainer::exitCode).containsExactly(Optional.of(137));
    // Docker says "unhealthy" of any stopped container with a check; the task keeps its health while it ran
    assertThat(stopped.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
    // the event line comes from the reconcile tick after the one that recorded the stop
    List<String> events = awaitEvents(e -> e.contains("task " + running.taskId()
        + " stopped unexpectedly: Essential container in task exited"));
    assertThat(events).noneMatch(e -> e.contains("failed container health checks"));
  }

  @Test
  void anEssentialContainerKilledForItsMemoryIsReportedAsOutOfMemory() throws Exception {
    // ash keeps what the command substitution reads: memory grows until the 16 MiB limit kills it
    state.taskDefinitionJson("hungry", 1, """
        {"family":"hungry","containerDefinitions":[{"name":"eater","image":"%s","memory":16,
         "command":["sh","-c","sleep 2; x=$(cat /dev/urandom)"]}]}
        """.formatted(ExampleImages.WEBAPP_1))
        .service("hungry", "hungry", 1, 0, 100, false, "").commit();

    TaskRecord stopped = await(t -> t.serviceName().equals("hungry") && t.lastStatus() == TaskStatus.STOPPED,
        "the hungry task to stop");

    assertThat(stopped.stoppedReason()).contains("Essential container in task exited: eater (exit code 137,"
        + " OutOfMemoryError: Container killed due to memory usage)");
    assertThat(stopped.containers()).extracting(ObservedContainer::exitCode).containsExactly(Optional.of(137));
  }

  private TaskRecord await(Predicate<TaskRecord> wanted, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      List<TaskRecord> tasks = admin.get("/v1/tasks", TypeFactory.defaultInstance().constructType(TASKS));
      Optional<TaskRecord> found = tasks.stream().filter(wanted).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out waiting for " + what + "; tasks: " + admin.getText("/v1/tasks")
        + "\nevents: " + admin.getText("/v1/events"));
  }

  private List<String> awaitEvents(Predicate<String> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> events = events();
    while (events.stream().noneMatch(wanted) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      events = events();
    }
    assertThat(events).anyMatch(wanted);
    return events;
  }

  private List<String> events() {
    List<ServiceEventRecord> events = admin.get("/v1/events", TypeFactory.defaultInstance().constructType(EVENTS));
    return events.stream().map(ServiceEventRecord::message).toList();
  }
}
