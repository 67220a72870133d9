package io.berth.engine.cli;

import static io.berth.engine.planner.ManyStacksTest.app;
import static io.berth.engine.planner.ManyStacksTest.apply;
import static io.berth.engine.planner.ManyStacksTest.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.planner.ManyStacksTest;
import io.berth.engine.state.StateRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth destroy --stack NAME}: its own plan, refused while others use what it owns, stale-plan rules. */
class DestroyCliTest {
  @TempDir Path tmp;
  String state;

  @BeforeEach
  void threeStacks() {
    state = ManyStacksTest.threeStacks(tmp.resolve("state"));
  }

  private String tip() {
    try (StateRepository repo = StateRepository.open(Path.of(state))) {
      return repo.tip().orElseThrow();
    }
  }

  @Test
  void anUnknownStackIsRefusedNamingThoseThereAre() {
    CliRun run = CliRun.of("destroy", "--stack", "shop", "--state", state);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("holds no stack 'shop' (it holds 'batch', 'platform', 'webapp'); nothing to destroy");
  }

  @Test
  void aStackWhoseClusterOthersUseIsNotDestroyed() {
    String before = tip();
    CliRun run = CliRun.of("destroy", "--stack", "platform", "--auto-approve", "--state", state);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot delete cluster \"local\": stacks 'batch', 'webapp' still use it");
    assertThat(tip()).isEqualTo(before);
  }

  @Test
  void aDestroyPlanIsReviewedThenAppliedAndRefusedOnceWhatItReadChanged() {
    String before = tip();
    CliRun review = CliRun.of("destroy", "--stack", "batch", "--state", state);
    assertThat(review.exitCode()).isZero();
    assertThat(review.out()).contains("Plan: 0 to add, 0 to change, 2 to destroy.");
    assertThat(review.err()).contains("Nothing was destroyed");
    assertThat(tip()).isEqualTo(before);

    Path saved = tmp.resolve("destroy-batch.json");
    Path stale = tmp.resolve("destroy-webapp.json");
    assertThat(CliRun.of("destroy", "--stack", "batch", "--out", saved.toString(), "--state", state).exitCode())
        .isZero();
    assertThat(CliRun.of("destroy", "--stack", "webapp", "--out", stale.toString(), "--state", state).exitCode())
        .isZero();
    try (StateRepository repo = StateRepository.open(Path.of(state))) {
      apply(repo, plan(repo, app("webapp", "web", "web:2"))); // changes what the webapp destroy plan read
    }

    CliRun applied = CliRun.of("apply", saved.toString(), "--state", state); // batch's plan read nothing that changed
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    CliRun refused = CliRun.of("apply", stale.toString(), "--state", state);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("the state moved since the plan").contains("stacks/webapp");
    try (StateRepository repo = StateRepository.open(Path.of(state))) {
      assertThat(repo.stacks("main")).containsExactly("platform", "webapp");
    }
  }
}
