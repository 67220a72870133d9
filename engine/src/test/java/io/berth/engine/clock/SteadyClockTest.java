package io.berth.engine.clock;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SteadyClockTest {
  private final MutableClock wall = new MutableClock();
  private final AtomicLong ticks = new AtomicLong(123_456_789L);
  private final SteadyClock clock = new SteadyClock(wall, ticks::get);

  private void tick(Duration d) {
    ticks.addAndGet(d.toNanos());
    wall.advance(d);
  }

  @Test
  void followsTheWallClockWhileItDoesNotStep() {
    assertThat(clock.instant()).isEqualTo(MutableClock.START);
    tick(Duration.ofSeconds(7));
    assertThat(clock.instant()).isEqualTo(MutableClock.START.plusSeconds(7));
  }

  @Test
  void aForwardStepOfTheWallClockIsNotADuration() {
    clock.instant();
    wall.advance(Duration.ofMinutes(10));
    tick(Duration.ofSeconds(1));
    // one second of ticker time: at most 5 % more, not ten minutes
    assertThat(Duration.between(MutableClock.START, clock.instant())).isEqualTo(Duration.ofMillis(1050));
  }

  @Test
  void aBackwardStepNeitherStopsNorReversesIt() {
    Instant before = clock.instant();
    wall.advance(Duration.ofMinutes(-10));
    assertThat(clock.instant()).isEqualTo(before);
    tick(Duration.ofSeconds(2));
    assertThat(Duration.between(before, clock.instant())).isEqualTo(Duration.ofMillis(1900));
  }

  @Test
  void aStepIsAbsorbedAtTheSlewRateAndThenFollowedExactly() {
    clock.instant();
    wall.advance(Duration.ofSeconds(60));
    for (int i = 0; i < 25; i++) {
      tick(Duration.ofMinutes(1)); // 3 s caught up a minute
    }
    assertThat(clock.instant()).isEqualTo(wall.instant());
    tick(Duration.ofMillis(10));
    assertThat(clock.instant()).isEqualTo(wall.instant());
  }

  @Test
  void aTickerThatDoesNotMoveKeepsTheClockStill() {
    Instant first = clock.instant();
    wall.advance(Duration.ofHours(1));
    assertThat(clock.instant()).isEqualTo(first);
  }

  @Test
  void aFloorHoldsItAtWhatAnEarlierLifeRecordedThenItSlewsBack() {
    Instant recorded = MutableClock.START.plusSeconds(600); // before a restart, the clock read ten minutes later
    clock.notBefore(recorded);
    assertThat(clock.instant()).isEqualTo(recorded);
    tick(Duration.ofSeconds(20));
    assertThat(clock.instant()).isEqualTo(recorded.plusSeconds(19));
    SteadyClock.holdNotBefore(wall, recorded); // another clock is left alone
    assertThat(wall.instant()).isEqualTo(MutableClock.START.plusSeconds(20));
  }

  @Test
  void aFloorFarAheadIsHeldOnlyAnHourAhead() {
    clock.notBefore(MutableClock.START.plus(Duration.ofDays(300)));
    assertThat(clock.instant()).isEqualTo(MutableClock.START.plus(SteadyClock.MAX_HOLD));
  }

  @Test
  void theTestingOffsetFileMovesTheWallClockUnderneath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("offset");
    AtomicLong fileTicks = new AtomicLong();
    OffsetFileClock offset = new OffsetFileClock(wall, file, fileTicks::get);
    assertThat(offset.instant()).isEqualTo(MutableClock.START); // no file: no offset
    Files.writeString(file, "-600000\n");
    assertThat(offset.instant()).as("read again only after a while").isEqualTo(MutableClock.START);
    fileTicks.addAndGet(Duration.ofMillis(OffsetFileClock.REREAD_MILLIS).toNanos());
    assertThat(offset.instant()).isEqualTo(MutableClock.START.minusSeconds(600));
    Files.writeString(file, "half");
    fileTicks.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(offset.instant()).as("a half-written file keeps the last offset").isEqualTo(MutableClock.START.minusSeconds(600));
  }

  @Test
  void withoutTheTestingVariableAProcessRunsOnTheMachinesClockThroughASteadyClock() {
    assertThat(ProcessClocks.forEnvironment(Map.of())).isInstanceOf(SteadyClock.class);
    Instant machine = Instant.now();
    assertThat(Duration.between(machine, ProcessClocks.forEnvironment(Map.of()).instant()).abs())
        .isLessThan(Duration.ofMinutes(1));
  }
}
