package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.engine.planner.ManyStacksTest;
import io.berth.json.BerthJson;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth show} on a state several stacks share: all of them by name, or one with --stack. */
class ShowCliTest {
  @TempDir Path tmp;
  String state;

  @BeforeEach
  void threeStacks() {
    state = ManyStacksTest.threeStacks(tmp.resolve("state"));
  }

  @Test
  void everyStackIsNamedAndTheirResourcesShownTogether() {
    CliRun run = CliRun.of("show", "--state", state);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("stacks:           batch, platform, webapp")
        .doesNotContain("nothing applied yet").contains("web:1").contains("report:1");
  }

  @Test
  void stackShowsOnlyThatStackAsTextAndJson() throws Exception {
    CliRun text = CliRun.of("show", "--stack", "webapp", "--state", state);
    CliRun json = CliRun.of("show", "--stack", "webapp", "--state", state, "--json");

    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("stack:            webapp").contains("web:1").doesNotContain("report");
    assertThat(json.exitCode()).as(json.err()).isZero();
    CliSchemas.assertValid("show", json.out());
    JsonNode shown = BerthJson.mapper().readTree(json.out());
    assertThat(shown.get("stack").asText()).isEqualTo("webapp");
    assertThat(shown.get("stacks").toString()).isEqualTo("[\"webapp\"]");
    assertThat(shown.get("services").findValuesAsText("serviceName")).containsExactly("web");
  }

  @Test
  void anUnknownStackIsRefusedNamingThoseThereAre() {
    CliRun run = CliRun.of("show", "main~1", "--stack", "batch", "--state", state);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("state commit main~1 holds no stack 'batch'; it holds 'platform', 'webapp'");
    assertThat(run.out()).isEmpty();
  }
}
