package io.berth.engine.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.DesiredStatus;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.server.ControlPlane;
import io.berth.engine.server.ControlPlaneConfig;
import io.berth.engine.server.ReconcileSettings;
import io.berth.engine.server.ServiceView;
import io.berth.engine.server.StateRepoFixture;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.json.BerthJson;
import io.berth.model.TaskDefinition;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale harness's own parts: the fake runtime acts on answers as the agent does and reports
 * what it runs; a small fleet of simulated hosts converges on a real control plane (in this JVM)
 * through a create, a rolling deployment and a lost host, with every count checked on both sides.
 * Waits have deadlines only so that a broken harness fails instead of hanging; no time is asserted.
 */
class ScaleHarnessTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  @TempDir Path temp;

  /** Delays run by hand, in order. */
  private static final class HandDelays implements FakeRuntime.Delays {
    final List<Runnable> due = new ArrayList<>();

    @Override
    public void after(Duration delay, Runnable action) {
      due.add(action);
    }

    void runAll() {
      while (!due.isEmpty()) {
        due.remove(0).run();
      }
    }
  }

  @Test
  void fakeRuntimeStartsTurnsHealthyStopsAndForgetsAsTheAgentDoes() throws Exception {
    HandDelays delays = new HandDelays();
    AtomicInteger changes = new AtomicInteger();
    FakeRuntime runtime = new FakeRuntime(new FakeRuntime.Timings(Duration.ofMillis(1), Duration.ofMillis(1),
        Duration.ofMillis(1)), delays, "127.0.0.9", changes::incrementAndGet);
    AssignedTask web = task("web-1", DesiredStatus.RUNNING, true);
    AssignedTask plain = task("plain-1", DesiredStatus.RUNNING, false);

    runtime.apply(List.of(web, plain));
    assertThat(runtime.report()).extracting(ObservedTask::lastStatus).containsOnly(TaskStatus.PENDING);
    delays.runAll();
    assertThat(status(runtime, "web-1")).isEqualTo(TaskStatus.RUNNING);
    assertThat(runtime.report().get(1).healthStatus()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(runtime.report().get(1).containers().get(0).networkBindings().get(0).bindIP()).isEqualTo("127.0.0.9");
    List<String> serving = new ArrayList<>();
    runtime.forEachServing((id, task) -> serving.add(id));
    assertThat(serving).containsExactly("plain-1", "web-1"); // without a health check, RUNNING serves

    assertThat(runtime.fail("plain-1")).isTrue();
    assertThat(runtime.report().get(0).stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains("exit code 1"));
    runtime.apply(List.of(web.withDesiredStatus(DesiredStatus.STOPPED), task("late-1", DesiredStatus.STOPPED, true)));
    assertThat(runtime.report()).extracting(ObservedTask::taskId).containsExactly("late-1", "web-1");
    assertThat(status(runtime, "late-1")).isEqualTo(TaskStatus.STOPPED); // acknowledged without running
    assertThat(status(runtime, "web-1")).isEqualTo(TaskStatus.RUNNING); // stopping takes its time
    delays.runAll();
    assertThat(status(runtime, "web-1")).isEqualTo(TaskStatus.STOPPED);
    runtime.apply(List.of());
    assertThat(runtime.report()).isEmpty();
    runtime.apply(List.of(web)); // RUNNING again for a task it removed: acknowledged, never started twice
    assertThat(status(runtime, "web-1")).isEqualTo(TaskStatus.STOPPED);
    assertThat(delays.due).isEmpty();
    assertThat(changes.get()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void aSmallFleetConvergesThroughCreateRolloutAndALostHost() throws Exception {
    Path dir = temp.resolve("state.git");
    StateRepoFixture state = new StateRepoFixture(dir);
    Map<String, Integer> desired = new LinkedHashMap<>(Map.of("svc-0", 5, "svc-1", 4, "svc-2", 3));
    declare(state, desired, 1);
    var settings = new ReconcileSettings(Duration.ofSeconds(2), Duration.ofSeconds(40), Duration.ofMinutes(15));
    try (ControlPlane plane = ControlPlane.start(new ControlPlaneConfig(dir, new InetSocketAddress("127.0.0.1", 0),
        "join-t", "admin-t", Map.of(), Duration.ofMillis(200), Duration.ofMillis(100), settings), Clock.systemUTC());
         Fleet fleet = new Fleet(plane.uri(), "join-t", "default", 6, 2048, 4096,
             new FakeRuntime.Timings(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(20)))) {
      ControlPlaneClient admin = new ControlPlaneClient(plane.uri(), "admin-t");
      fleet.start();
      assertThat(fleet.awaitRegistered(PATIENCE)).isTrue();
      await(() -> fleet.converged(desired, 1) && settled(admin, desired), "the create to converge");
      assertThat(fleet.alive()).isEqualTo(12);
      assertThat(fleet.duplicates()).isEmpty();

      declare(state, desired, 2);
      int[] belowMinimum = {0};
      await(() -> {
        Map<String, Integer> serving = fleet.servingPerService();
        desired.forEach((service, count) -> belowMinimum[0] += serving.getOrDefault(service, 0) < count ? 1 : 0);
        return fleet.converged(desired, 2) && settled(admin, desired);
      }, "the rollout to converge");
      assertThat(belowMinimum[0]).as("samples with a service under its 100 % minimum healthy").isZero();
      assertThat(fleet.serving()).allSatisfy((service, versions) -> assertThat(versions).containsOnlyKeys(2));

      List<String> killed = fleet.kill(2);
      assertThat(killed).hasSize(2);
      await(() -> fleet.converged(desired, 2) && settled(admin, desired), "the lost hosts' tasks to be replaced");
      assertThat(fleet.duplicates()).isEmpty();
      assertThat(fleet.stats().take().syncs()).isPositive();
      assertThat(fleet.probeStats().take().latencySamples()).isPositive();
    } finally {
      state.close();
    }
  }

  private static boolean settled(ControlPlaneClient admin, Map<String, Integer> desired) {
    List<ServiceView> services = admin.get("/v1/services", Phase.type(new TypeReference<List<ServiceView>>() {}));
    return services.size() == desired.size()
        && services.stream().allMatch(s -> s.settled() && s.runningCount() == desired.get(s.serviceName()));
  }

  /** Declares {@code desired}'s services on image version {@code version}, each with a health check. */
  private static void declare(StateRepoFixture state, Map<String, Integer> desired, int version) throws Exception {
    for (var service : desired.entrySet()) {
      state.taskDefinitionJson(service.getKey(), version, """
          {"family":"%s","containerDefinitions":[{"name":"app","image":"scale/app:%d","memory":64,
           "portMappings":[{"containerPort":8080,"hostPort":0}],
           "healthCheck":{"command":["CMD-SHELL","true"],"interval":5,"timeout":2,"retries":3}}]}
          """.formatted(service.getKey(), version))
          .service(service.getKey(), service.getKey(), service.getValue(), 100, 200, false, "");
    }
    state.commit();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static TaskStatus status(FakeRuntime runtime, String taskId) {
    return runtime.report().stream().filter(t -> t.taskId().equals(taskId)).findFirst().orElseThrow().lastStatus();
  }

  private static AssignedTask task(String id, DesiredStatus status, boolean healthCheck) throws Exception {
    TaskDefinition definition = BerthJson.mapper().readValue("""
        {"family":"f","containerDefinitions":[{"name":"app","image":"scale/app:1","memory":64%s}]}
        """.formatted(healthCheck ? ",\"healthCheck\":{\"command\":[\"CMD-SHELL\",\"true\"]}" : ""),
        TaskDefinition.class);
    return new AssignedTask(id, "default", "service:" + id.substring(0, id.indexOf('-')), "f", 1, definition, status,
        "ecs-svc/1");
  }
}
