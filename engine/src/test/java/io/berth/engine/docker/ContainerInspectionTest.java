package io.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Docker's inspect fields read in ECS terms for a container that stopped: its exit code, whether
 * the kernel killed it for its memory, and no health verdict (Docker calls every stopped
 * container with a health check "unhealthy", as its checks stop with it).
 */
class ContainerInspectionTest {
  private static final ObjectMapper DOCKER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final TaskSpec SPEC = DockerFixture.spec("i-1", """
      {'family':'web','containerDefinitions':[{'name':'web','image':'busybox','memory':16,
       'healthCheck':{'command':['CMD','true']}}]}""");

  private static ContainerObservation read(String status, int exitCode, boolean oomKilled, String health)
      throws Exception {
    InspectContainerResponse inspect = DOCKER.readValue("""
        {"Id": "c0ffee", "State": {"Status": "%s", "ExitCode": %d, "OOMKilled": %s,
         "StartedAt": "2026-12-05T10:00:00.000000001Z", "FinishedAt": "2026-12-05T10:01:00Z",
         "Health": {"Status": "%s", "FailingStreak": 0}}}""".formatted(status, exitCode, oomKilled, health),
        InspectContainerResponse.class);
    return ContainerInspection.read(SPEC, SPEC.taskDefinition().container("web").orElseThrow(), inspect);
  }

  @Test
  void aContainerKilledByASignalKeepsItsExitCodeAndHasNoHealthVerdict() throws Exception {
    ContainerObservation killed = read("exited", 137, false, "unhealthy");

    assertThat(killed.lastStatus()).isEqualTo(TaskStatus.STOPPED);
    assertThat(killed.exitCode()).contains(137);
    assertThat(killed.health()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(killed.reason()).isEmpty();
  }

  @Test
  void aContainerKilledForItsMemoryCarriesEcsOutOfMemoryReason() throws Exception {
    ContainerObservation oom = read("exited", 137, true, "unhealthy");

    assertThat(oom.exitCode()).contains(137);
    assertThat(oom.reason()).contains("OutOfMemoryError: Container killed due to memory usage");
    assertThat(oom.health()).isEqualTo(HealthStatus.UNKNOWN);
  }

  @Test
  void aRunningContainerHasDockersHealthVerdict() throws Exception {
    assertThat(read("running", 0, false, "unhealthy").health()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(read("running", 0, false, "healthy").health()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(read("running", 0, false, "healthy").reason()).isEqualTo(Optional.empty());
  }
}
