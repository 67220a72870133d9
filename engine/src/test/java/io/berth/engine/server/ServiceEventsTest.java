package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The event log's "once" rule: a repeat is dropped only when the same service (cluster and name) said it last. */
class ServiceEventsTest {
  static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

  @Test
  void theSameMessageOfAServiceOfTheSameNameInAnotherClusterIsRecorded() {
    ControlPlaneSnapshot.Builder next = ControlPlaneSnapshot.empty().toBuilder();
    String missing = "(service web) cannot find task definition web:3 in the state repository; apply a plan that"
        + " registers it.";

    next.eventOnce(T0, "local", "web", missing);
    next.eventOnce(T0, "prod", "web", missing);
    next.eventOnce(T0.plusSeconds(1), "local", "web", missing);

    assertThat(next.build().events()).extracting(ServiceEventRecord::cluster).containsExactly("local", "prod");
  }
}
