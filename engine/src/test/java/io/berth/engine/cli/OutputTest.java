package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputTest {
  @Test
  void colourOnlyOnATerminalWithoutNoColorOrTheFlag() {
    assertThat(Output.colour(false, true, null)).isTrue();
    assertThat(Output.colour(false, true, "")).isTrue();
    assertThat(Output.colour(false, true, "1")).as("NO_COLOR set").isFalse();
    assertThat(Output.colour(false, false, null)).as("not a terminal").isFalse();
    assertThat(Output.colour(true, true, null)).as("--no-color").isFalse();
  }

  @Test
  void pipedOutputHasNoEscapes() {
    // surefire's output is not a terminal, like a CI log or a pipe
    assertThat(CliRun.of("plan", "--desired", PlanApplyCliTest.V1.toString(), "--state", "/nonexistent").err())
        .doesNotContain("\u001b[");
  }
}
