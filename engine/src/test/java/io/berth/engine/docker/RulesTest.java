package io.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.model.ContainerCondition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure ECS rules of the runtime: start order, dependency conditions, task status and health. */
class RulesTest {
  private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

  private static ContainerObservation container(String name, TaskStatus status, boolean started,
      Integer exitCode, HealthStatus health) {
    return new ContainerObservation(name, Optional.of("id-" + name), status, Optional.ofNullable(exitCode), health,
        List.of(), started ? Optional.of(T) : Optional.empty(), Optional.empty());
  }

  @ParameterizedTest(name = "{0} on a container {1} started={2} exit={3} health={4} -> {5}")
  @CsvSource(nullValues = "-", value = {
      "START,    PENDING, false, -, UNKNOWN,   WAIT",
      "START,    RUNNING, true,  -, UNKNOWN,   MET",
      "START,    STOPPED, true,  1, UNKNOWN,   MET",
      "START,    STOPPED, false, -, UNKNOWN,   FAILED",
      "COMPLETE, RUNNING, true,  -, UNKNOWN,   WAIT",
      "COMPLETE, STOPPED, true,  1, UNKNOWN,   MET",
      "SUCCESS,  RUNNING, true,  -, UNKNOWN,   WAIT",
      "SUCCESS,  STOPPED, true,  0, UNKNOWN,   MET",
      "SUCCESS,  STOPPED, true,  2, UNKNOWN,   FAILED",
      "HEALTHY,  RUNNING, true,  -, UNKNOWN,   WAIT",
      "HEALTHY,  RUNNING, true,  -, HEALTHY,   MET",
      "HEALTHY,  RUNNING, true,  -, UNHEALTHY, FAILED",
      "HEALTHY,  STOPPED, true,  0, UNKNOWN,   FAILED",
  })
  void dependencyConditions(ContainerCondition condition, TaskStatus status, boolean started, Integer exit,
      HealthStatus health, DependencyCheck expected) {
    assertThat(DependencyCheck.evaluate(condition, container("dep", status, started, exit, health)))
        .isEqualTo(expected);
  }

  @Test
  void startOrderPutsDependenciesFirstAndKeepsDefinitionOrderOtherwise() {
    var definition = DockerFixture.parse("{'family':'f','containerDefinitions':["
        + "{'name':'app','dependsOn':[{'containerName':'db','condition':'HEALTHY'}],'links':['cache:redis']},"
        + "{'name':'log'},{'name':'db','volumesFrom':[{'sourceContainer':'data'}]},{'name':'data'},{'name':'cache'}]}");

    assertThat(StartOrder.of(definition)).containsExactly("data", "db", "cache", "app", "log");
  }

  @Test
  void startOrderRejectsCyclesAndUnknownContainersNamingThem() {
    assertThatThrownBy(() -> StartOrder.of(DockerFixture.parse("{'family':'f','containerDefinitions':["
        + "{'name':'a','dependsOn':[{'containerName':'b','condition':'START'}]},"
        + "{'name':'b','dependsOn':[{'containerName':'a','condition':'START'}]}]}")))
        .hasMessageContaining("cycle (a -> b -> a)");
    assertThatThrownBy(() -> StartOrder.of(DockerFixture.parse("{'family':'f','containerDefinitions':["
        + "{'name':'a','dependsOn':[{'containerName':'ghost','condition':'START'}]}]}")))
        .hasMessageContaining("'a' refers to container 'ghost'").hasMessageContaining("[a]");
  }

  @Test
  void taskStatusIsTheLeastAdvancedContainerAndNeverMovesBack() {
    var pending = container("a", TaskStatus.PENDING, false, null, HealthStatus.UNKNOWN);
    var running = container("b", TaskStatus.RUNNING, true, null, HealthStatus.UNKNOWN);
    var finished = container("c", TaskStatus.STOPPED, true, 0, HealthStatus.UNKNOWN);

    assertThat(TaskSummary.status(TaskStatus.PENDING, false, false, List.of(pending, running)))
        .isEqualTo(TaskStatus.PENDING);
    assertThat(TaskSummary.status(TaskStatus.PENDING, false, false, List.of(running, finished)))
        .isEqualTo(TaskStatus.RUNNING);
    assertThat(TaskSummary.status(TaskStatus.RUNNING, false, false, List.of(pending)))
        .as("never backwards").isEqualTo(TaskStatus.RUNNING);
    assertThat(TaskSummary.status(TaskStatus.RUNNING, true, false, List.of(running)))
        .isEqualTo(TaskStatus.STOPPING);
    assertThat(TaskSummary.status(TaskStatus.STOPPING, true, true, List.of(finished)))
        .isEqualTo(TaskStatus.STOPPED);
  }

  @Test
  void taskHealthComesFromEssentialContainersWithHealthChecks() {
    var definition = DockerFixture.parse("{'family':'f','containerDefinitions':["
        + "{'name':'web','healthCheck':{'command':['CMD','true']}},"
        + "{'name':'side','essential':false,'healthCheck':{'command':['CMD','true']}},{'name':'plain'}]}");
    var plain = container("plain", TaskStatus.RUNNING, true, null, HealthStatus.UNKNOWN);

    assertThat(TaskSummary.health(definition, List.of(container("web", TaskStatus.RUNNING, true, null,
        HealthStatus.HEALTHY), container("side", TaskStatus.RUNNING, true, null, HealthStatus.UNHEALTHY), plain)))
        .as("a non-essential container does not count").isEqualTo(HealthStatus.HEALTHY);
    assertThat(TaskSummary.health(definition, List.of(container("web", TaskStatus.RUNNING, true, null,
        HealthStatus.UNHEALTHY), plain))).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(TaskSummary.health(definition, List.of(container("web", TaskStatus.RUNNING, true, null,
        HealthStatus.UNKNOWN), plain))).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(TaskSummary.health(DockerFixture.parse("{'family':'f','containerDefinitions':[{'name':'plain'}]}"),
        List.of(plain))).as("no health check at all").isEqualTo(HealthStatus.UNKNOWN);
  }

  @Test
  void onlyAnEssentialContainerThatRanAndStoppedStopsTheTask() {
    var definition = DockerFixture.parse("{'family':'f','containerDefinitions':["
        + "{'name':'main'},{'name':'init','essential':false}]}");

    assertThat(TaskSummary.exitedEssential(definition, List.of(
        container("main", TaskStatus.RUNNING, true, null, HealthStatus.UNKNOWN),
        container("init", TaskStatus.STOPPED, true, 0, HealthStatus.UNKNOWN)))).isEmpty();
    assertThat(TaskSummary.exitedEssential(definition, List.of(
        container("main", TaskStatus.STOPPED, true, 1, HealthStatus.UNKNOWN)))).map(ContainerObservation::name)
        .contains("main");
  }

  @Test
  void imageContextHasBusyboxAppletLinksFilesAndCmd() throws Exception {
    byte[] tar = BusyboxImage.webapp("berth-test/unit:1", "hi").context();
    var entries = new ArrayList<String>();
    String dockerfile = null;
    try (var in = new TarArchiveInputStream(
        new ByteArrayInputStream(tar))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.add(e.getName() + (e.isSymbolicLink() ? " -> " + e.getLinkName() : ""));
        if (e.getName().equals("Dockerfile")) {
          dockerfile = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(entries).contains("rootfs/bin/busybox", "rootfs/bin/sh -> busybox", "rootfs/bin/httpd -> busybox",
        "rootfs/www/index.html", "rootfs/www/health");
    assertThat(dockerfile).startsWith("FROM scratch\nCOPY rootfs/ /\n").contains("\"berth.image\"=\"berth-test/unit:1\"")
        .contains("CMD [\"sh\", \"-c\", \"trap 'exit 0' TERM; echo \\\"${BERTH_TASK_ID:-unknown}\\\" > /www/task;"
            + " httpd -f -p 8080 -h /www & wait\"]")
        .contains("\"berth.image.content\"=\"" + BusyboxImage.webapp("berth-test/unit:1", "hi").contentDigest() + "\"");
    assertThat(BusyboxImage.webapp("berth-test/unit:1", "hello").contentDigest()).as("another body, another image")
        .isNotEqualTo(BusyboxImage.webapp("berth-test/unit:1", "hi").contentDigest());
    assertThat(BusyboxImage.webapp("berth-test/unit:1", "hi").context()).as("deterministic").isEqualTo(tar);
  }
}
