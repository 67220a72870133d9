package io.berth.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.planner.ManyStacksTest;
import io.berth.engine.planner.Planner;
import io.berth.engine.planner.SchedulerDryRun;
import io.berth.engine.scheduler.deployment.RolloutState;
import io.berth.engine.server.ClusterStatus;
import io.berth.engine.server.ServiceView;
import io.berth.engine.server.TaskRecord;
import io.berth.engine.state.StateRepository;
import io.berth.model.DesiredState;
import io.berth.plans.Plan;
import io.berth.plans.diff.PlanException;
import io.berth.plans.diff.StateDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Platform, webapp and batch in one cluster ({@code local}) through one state and one control plane
 * on Docker: agents of cluster local only; racing applies of two application stacks both land; an
 * application stack racing the platform's removal of {@code local} loses one of the two; the platform
 * cannot remove {@code local} while others use it; webapp rolls out and rolls back while batch's task
 * keeps running untouched.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyStacksE2ETest {
  static final TypeReference<List<TaskRecord>> TASKS = new TypeReference<>() {};

  DockerClient docker;
  Path work;
  LocalCluster cluster;
  ControlPlaneClient admin;

  @BeforeAll
  void startCluster() throws Exception {
    docker = DockerEngine.connect();
    ExampleImages.buildIfAbsent(docker);
    work = Files.createTempDirectory("berth-stacks-e2e");
    cluster = LocalCluster.start(new LocalCluster.Options(work, work.resolve(".berth/state"), 0, 2,
        List.of("zone-a", "zone-b"), 2048, 4096, Duration.ofSeconds(1), Duration.ofMillis(300), Map.of(),
        Duration.ZERO, "127.0.0.1", "local"));
    admin = new ControlPlaneClient(cluster.uri(), cluster.upFile().adminToken());
  }

  @AfterAll
  void stopCluster() {
    String clusterId = cluster.upFile().clusterId();
    cluster.close();
    List<Container> left = docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(LocalCluster.UP_LABEL, clusterId)).exec();
    assertThat(left).as("containers left behind").isEmpty();
  }

  static DesiredState app(String stack, String service, String greeting, int count) {
    return ManyStacksTest.desired(ManyStacksTest.appJson(stack, service, ExampleImages.WEBAPP_1)
        .replace("\"memory\":64,", "\"memory\":32,\"environment\":[{\"name\":\"GREETING\",\"value\":\"" + greeting
            + "\"}],")
        .replace("\"desiredCount\":1", "\"desiredCount\":" + count));
  }

  static DesiredState platform(boolean withLocal) {
    return ManyStacksTest.desired("""
        {"apiVersion":"berth/v1","stack":"platform",
         "clusters":[%s{"name":"core"}],
         "roles":[{"name":"exec","statements":[{"effect":"Allow","actions":["secrets:Read"],"resources":["none/*"]}]}]}
        """.formatted(withLocal ? "{\"name\":\"local\",\"capacity\":[{\"name\":\"std\",\"count\":2,\"cpu\":2048,"
        + "\"memory\":4096,\"zones\":[\"zone-a\",\"zone-b\"]}]}," : ""));
  }

  Plan plan(DesiredState desired) {
    try (StateRepository state = StateRepository.open(work.resolve(".berth/state"))) {
      return new Planner(state, SchedulerDryRun.NONE).plan(desired);
    }
  }

  String apply(Plan plan) {
    try (StateRepository state = StateRepository.open(work.resolve(".berth/state"))) {
      return new Planner(state, SchedulerDryRun.NONE).apply(plan).orElseThrow();
    }
  }

  /** Applies the plans at the same moment from two threads; each result is the commit or the error's message. */
  List<String> race(Plan first, Plan second) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (Plan plan : List.of(first, second)) {
        results.add(pool.submit(() -> {
          start.await();
          try {
            return apply(plan);
          } catch (RuntimeException e) {
            return "refused: " + e.getMessage();
          }
        }));
      }
      start.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> result : results) {
        outcomes.add(result.get());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void threeStacksShareClusterLocalAndRaceOnlyWhereOneChangesWhatTheOtherRead() throws Exception {
    apply(plan(platform(true)));

    // webapp's first apply (it starts using local) races the platform removing local: one is refused
    List<String> first = race(plan(app("webapp", "web", "v1", 2)), plan(platform(false)));
    assertThat(first).filteredOn(o -> o.startsWith("refused: the state moved since the plan")).hasSize(1);
    assertThat(first).filteredOn(o -> o.matches("[0-9a-f]{40}")).hasSize(1);
    if (first.get(0).startsWith("refused")) {
      assertThat(first.get(0)).contains("stacks/platform/clusters/local.json");
      apply(plan(platform(true)));
      apply(plan(app("webapp", "web", "v1", 2)));
    } else {
      assertThat(first.get(1)).contains("uses/clusters/local");
    }
    String webappV1;
    try (StateRepository state = StateRepository.open(work.resolve(".berth/state"))) {
      webappV1 = state.tip().orElseThrow();
    }

    // now webapp uses local: the platform alone cannot remove it
    assertThatThrownBy(() -> plan(platform(false))).isInstanceOfSatisfying(PlanException.class, e ->
        assertThat(e.problems()).containsExactly("cannot delete cluster \"local\": stack 'webapp' still uses it;"
            + " remove that reference and apply that stack first, or keep local in stack 'platform'"));

    // batch's first apply and webapp's change, planned at the same time, both land
    List<String> second = race(plan(app("batch", "report", "r1", 1)), plan(app("webapp", "web", "v2", 2)));
    assertThat(second).allSatisfy(o -> assertThat(o).matches("[0-9a-f]{40}"));
    await(() -> steady("web", "web:2", 2) && steady("report", "report:1", 1), "webapp v2 and batch");
    assertThat(status().services()).extracting(s -> s.serviceName() + "@" + s.stack() + "/" + s.cluster())
        .containsExactlyInAnyOrder("web@webapp/local", "report@batch/local");
    Set<String> batchTasks = taskIds("report");

    // webapp rolls back to what it declared before; batch's task is not touched
    try (StateRepository state = StateRepository.open(work.resolve(".berth/state"))) {
      apply(plan(StateDiff.desiredFrom(state.declaredAt(webappV1, "webapp"))));
    }
    await(() -> steady("web", "web:3", 2), "webapp rolled back");
    assertThat(taskIds("report")).isEqualTo(batchTasks);
    assertThat(tasks().stream().filter(t -> t.serviceName().equals("web") && t.wanted()).map(TaskRecord::revision))
        .containsExactly(3, 3);
  }

  private ClusterStatus status() {
    return admin.get("/v1/status", ClusterStatus.class);
  }

  private boolean steady(String service, String taskDefinition, int healthy) {
    ServiceView view = status().services().stream().filter(s -> s.serviceName().equals(service)).findFirst()
        .orElse(null);
    return view != null && view.settled() && view.healthyCount() == healthy
        && view.deployments().get(0).taskDefinition().equals(taskDefinition)
        && view.deployments().get(0).rolloutState() == RolloutState.COMPLETED;
  }

  private List<TaskRecord> tasks() {
    return admin.get("/v1/tasks", TypeFactory.defaultInstance().constructType(TASKS));
  }

  private Set<String> taskIds(String service) {
    return tasks().stream().filter(t -> t.serviceName().equals(service) && t.wanted()).map(TaskRecord::taskId)
        .collect(Collectors.toSet());
  }

  private void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // the control plane may be busy; ask again
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out waiting for " + what + "; services: " + admin.getText("/v1/services")
        + "\nevents: " + admin.getText("/v1/events"));
  }
}
