package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The prefetch thread starts only for the commands that read a desired state and plan it. */
class PrefetchTest {
  @Test
  void onlyPlanAndApplyFromADesiredDirectoryGetAHeadStart() {
    List<List<String>> yes = List.of(
        List.of("apply", "--desired", "stack", "--auto-approve"),
        List.of("plan", "--state", "s", "--desired", "target/classes"),
        List.of("plan", "--desired=target/classes"));
    List<List<String>> no = List.of(
        List.of(),
        List.of("apply", "plan.json"),
        List.of("plan", "--desired-from", "main~1"),
        List.of("show", "--desired"),
        List.of("--version"),
        List.of("up"));
    for (List<String> args : yes) {
      assertThat(Prefetch.readsDesiredState(args.toArray(String[]::new))).as(args.toString()).isTrue();
    }
    for (List<String> args : no) {
      assertThat(Prefetch.readsDesiredState(args.toArray(String[]::new))).as(args.toString()).isFalse();
    }
  }
}
