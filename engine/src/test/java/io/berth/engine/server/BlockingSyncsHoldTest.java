package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How long the control plane holds a blocking sync: a small cluster's for 5 s at most (and a third of
 * lostAfter), a large one's for hosts / 50 s and up to a quarter more, so that the cluster's syncs at
 * rest stay under about 50 a second however many hosts it has.
 */
class BlockingSyncsHoldTest {
  private static final Duration ASKED = Duration.ofMinutes(5);

  @Test
  void aSmallClusterHoldsASyncForAThirdOfLostAfterAtMost() {
    BlockingSyncs syncs = new BlockingSyncs(Duration.ofSeconds(10), Instant.EPOCH);
    syncs.hosts(100);
    assertThat(syncs.hold()).isEqualTo(Duration.ofSeconds(10).dividedBy(3));
    assertThat(syncs.held(ASKED)).isEqualTo(Duration.ofSeconds(10).dividedBy(3));
    assertThat(syncs.held(Duration.ofSeconds(1))).as("a shorter wait asked").isEqualTo(Duration.ofSeconds(1));

    BlockingSyncs patient = new BlockingSyncs(Duration.ofMinutes(1), Instant.EPOCH);
    patient.hosts(200);
    assertThat(patient.held(ASKED)).as("never over 5 s below 250 hosts").isEqualTo(BlockingSyncs.MAX_SYNC_WAIT);
  }

  @Test
  void aLargeClusterHoldsEachSyncLongerSoThatTheTotalStaysUnderFiftyASecond() {
    BlockingSyncs syncs = new BlockingSyncs(Duration.ofSeconds(10), Instant.EPOCH);
    syncs.hosts(1000);
    assertThat(syncs.hold()).isEqualTo(Duration.ofSeconds(20));
    Set<Duration> holds = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Duration held = syncs.held(ASKED);
      assertThat(held).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(25));
      holds.add(held);
    }
    assertThat(holds).as("hosts answered together drift apart").hasSizeGreaterThan(1);
    assertThat(syncs.held(Duration.ofSeconds(2))).as("an agent asking less").isEqualTo(Duration.ofSeconds(2));

    syncs.hosts(300);
    assertThat(syncs.hold()).isEqualTo(Duration.ofSeconds(6));
  }
}
