package io.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.model.RestartPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ECS's container restart rule, exit by exit: pure. */
class ContainerRestartsTest {
  private static final Instant STARTED = Instant.parse("2026-11-23T09:00:00Z");

  @ParameterizedTest(name = "enabled={0} ignored={1} period={2} exit={3} ran={4}s stopping={5} -> {6}")
  @CsvSource(nullValues = "-", delimiter = '|', value = {
      "true  | -   | 60 | 3 | 61  | false | true  | exit code 3 after 61 s",
      "true  | -   | 60 | 3 | 60  | false | true  | exit code 3 after 60 s",
      "true  | -   | 60 | 3 | 59  | false | false | it ran 59 s since its last start, less than its restartAttemptPeriod of 60 s",
      "true  | -   | -  | 1 | 299 | false | false | it ran 299 s since its last start, less than its restartAttemptPeriod of 300 s",
      "true  | -   | -  | 1 | 300 | false | true  | exit code 1 after 300 s",
      "true  | 0,3 | 60 | 3 | 999 | false | false | its restart policy ignores exit code 3",
      "true  | 0   | 60 | 137 | 999 | false | true | exit code 137 after 999 s",
      "true  | -   | 60 | - | 999 | false | false | it has no exit code (removed outside Berth)",
      "true  | -   | 60 | 3 | 999 | true  | false | its task is stopping",
      "false | -   | 60 | 3 | 999 | false | false | it has no restart policy"})
  void anExitIsRestartedOnlyWhenThePolicyAllowsIt(boolean enabled, String ignored, Integer period, Integer exit,
      long ran, boolean stopping, boolean restart, String reason) {
    List<Integer> codes = ignored == null ? List.of()
        : java.util.Arrays.stream(ignored.split(",")).map(Integer::valueOf).toList();
    RestartPolicy policy = new RestartPolicy(enabled, codes, Optional.ofNullable(period));

    ContainerRestarts.Verdict verdict = ContainerRestarts.verdict(Optional.of(policy), Optional.ofNullable(exit),
        STARTED, STARTED.plusSeconds(ran), stopping);

    assertThat(verdict).isEqualTo(new ContainerRestarts.Verdict(restart, reason));
  }
}
