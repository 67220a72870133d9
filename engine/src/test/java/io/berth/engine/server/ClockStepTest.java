package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.clock.SteadyClock;
import io.berth.engine.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step of the machine's clock under a control plane that runs on a {@link SteadyClock}, as
 * {@code berth server} and {@code berth up} do: lost-after and healthy-after are measured on the
 * ticker, so a step forward loses no host and replaces no task, and a step back holds no timer.
 * The wall clock is a {@link MutableClock}, the ticker a counter both moved by hand.
 */
class ClockStepTest {
  @TempDir Path temp;
  StateRepoFixture state;
  final MutableClock wall = new MutableClock();
  final AtomicLong ticks = new AtomicLong();
  ControlPlane plane;
  final List<FakeAgent> agents = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    state = new StateRepoFixture(temp.resolve("state.git"));
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 3, 100, 200, true, "").commit();
  }

  @AfterEach
  void tearDown() {
    if (plane != null) {
      plane.close();
    }
    state.close();
  }

  void start(Clock clock) {
    var settings = new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(15));
    plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), "join-t",
        "admin-t", Map.of(), Duration.ofMillis(100), Duration.ofHours(1), settings)
        .securedBy(ApiSecurity.plain().keptIn(temp.resolve("control-plane"))), clock);
    for (String zone : List.of("a", "b", "c")) {
      agents.add(new FakeAgent(plane.uri(), "join-t", zone, Optional.empty()));
    }
  }

  /** Agents sync, a second passes (on the wall clock and the ticker), the control plane reconciles. */
  void cycle(int times) {
    for (int i = 0; i < times; i++) {
      agents.forEach(FakeAgent::sync);
      wall.advance(Duration.ofSeconds(1));
      ticks.addAndGet(Duration.ofSeconds(1).toNanos());
      plane.tick();
    }
  }

  Set<String> wantedTaskIds() {
    return plane.snapshot().tasks().values().stream().filter(TaskRecord::wanted).map(TaskRecord::taskId)
        .collect(Collectors.toSet());
  }

  long lost() {
    return plane.snapshot().instances().values().stream()
        .filter(i -> i.status() == InstanceRecord.InstanceStatus.LOST).count();
  }

  @Test
  void aForwardStepOfTheMachinesClockLosesNoHostAndReplacesNoTask() {
    start(new SteadyClock(wall, ticks::get));
    cycle(6);
    Set<String> before = wantedTaskIds();
    assertThat(plane.status().services().get(0).healthyCount()).isEqualTo(3);

    wall.advance(Duration.ofMinutes(10)); // between two syncs: each host last heard ten minutes ago by the wall clock
    ticks.addAndGet(Duration.ofMillis(100).toNanos());
    plane.tick();
    cycle(3);

    assertThat(lost()).isZero();
    assertThat(wantedTaskIds()).isEqualTo(before);
  }

  @Test
  void onTheMachinesClockItselfTheSameStepLosesEveryHost() {
    start(wall); // what berth server ran on before: the step is taken for ten minutes of silence
    cycle(6);

    wall.advance(Duration.ofMinutes(10));
    plane.tick();

    assertThat(lost()).isEqualTo(3);
  }

  @Test
  void aBackwardStepHoldsNeitherLostAfterNorHealthyAfter() {
    start(new SteadyClock(wall, ticks::get));
    cycle(6);
    FakeAgent silent = agents.remove(2);

    wall.advance(Duration.ofMinutes(-10));
    cycle(15); // 15 s of ticker time: past lost-after (10 s), and the replacements past healthy-after (2 s)

    assertThat(plane.snapshot().instances().get(silent.instanceId).status())
        .isEqualTo(InstanceRecord.InstanceStatus.LOST);
    assertThat(plane.status().services().get(0).healthyCount()).isEqualTo(3);
  }

  @Test
  void aControlPlaneRestartedOnAClockSteppedBackKeepsItsTasksHealthy() {
    start(new SteadyClock(wall, ticks::get));
    cycle(6);
    Set<String> before = wantedTaskIds();

    plane.close();
    wall.advance(Duration.ofMinutes(-10)); // the machine's clock stepped back while it was down
    plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), "join-t",
        "admin-t", Map.of(), Duration.ofMillis(100), Duration.ofHours(1),
        new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(15)))
        .securedBy(ApiSecurity.plain().keptIn(temp.resolve("control-plane"))), new SteadyClock(wall, ticks::get));
    List<FakeAgent> reconnected = new ArrayList<>();
    for (FakeAgent agent : agents) {
      FakeAgent again = new FakeAgent(plane.uri(), agent.credential, "x", Optional.of(agent.instanceId));
      again.running.putAll(agent.running);
      reconnected.add(again);
    }
    agents.clear();
    agents.addAll(reconnected);
    cycle(3);

    // the tasks ran for minutes: healthy still, though the clock now reads before they started
    assertThat(plane.status().services().get(0).healthyCount()).isEqualTo(3);
    assertThat(wantedTaskIds()).isEqualTo(before);
    assertThat(lost()).isZero();
  }
}
