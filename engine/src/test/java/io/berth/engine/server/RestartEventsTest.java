package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.ObservedContainer;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A container its restart policy restarted in place is a service event, once per restart. */
class RestartEventsTest {
  private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  private static ObservedTask report(Integer restarts) {
    return new ObservedTask("web-1", TaskStatus.RUNNING, HealthStatus.UNKNOWN, List.of(
        new ObservedContainer("app", "d1", TaskStatus.RUNNING, Optional.empty(), HealthStatus.UNKNOWN, List.of(),
            Optional.ofNullable(restarts)),
        new ObservedContainer("side", "d2", TaskStatus.RUNNING, Optional.empty(), HealthStatus.UNKNOWN, List.of())),
        Optional.empty(), Optional.of(NOW.toString()), Optional.empty());
  }

  @Test
  void eachNewRestartIsReportedOnceNamingTheTaskAndContainer() {
    TaskRecord placed = TaskRecord.placed("web-1", "prod", "web", "d-1", "web", 1, "i-1", NOW);
    TaskRecord seen = placed.observe(report(null), NOW);

    assertThat(AgentProtocol.restarted(seen, report(null))).isEmpty();
    assertThat(AgentProtocol.restarted(seen, report(1))).containsExactly("(service web) (task web-1) container app"
        + " exited and its restart policy restarted it in place (1 restart so far).");
    TaskRecord restarted = seen.observe(report(1), NOW);
    assertThat(AgentProtocol.restarted(restarted, report(1))).isEmpty();
    assertThat(AgentProtocol.restarted(restarted, report(2))).singleElement().asString().endsWith("(2 restarts so far).");
  }
}
