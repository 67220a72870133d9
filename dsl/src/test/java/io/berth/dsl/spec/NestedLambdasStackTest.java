package io.berth.dsl.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.dsl.Infra;
import io.berth.dsl.StackEvaluation;
import io.berth.model.SourceLocation;
import io.berth.model.VolumeScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calls inside capacity, volume, load balancer and step scaling lambdas record their own line. */
class NestedLambdasStackTest {
  private static final Path SOURCE = Path.of("src/test/java/io/berth/dsl/spec/NestedLambdasStack.java");
  private static final String FILE = "io/berth/dsl/spec/NestedLambdasStack.java";

  private final StackEvaluation evaluation = Infra.evaluate("nested", new NestedLambdasStack());

  @Test
  void eachNestedCallIsLocatedAtItsOwnLine() throws IOException {
    Map<String, String> expected = Map.of(
        "cluster[prod].capacity[std].cpu", "// capacity.cpu",
        "cluster[prod].capacity[std].attributes[tier]", "// capacity.attribute",
        "taskDefinition[web].volume[data].dockerVolumeConfiguration.autoprovision", "// volume.autoprovision",
        "service[web].loadBalancer[0].containerName", "// lb.container",
        "service[web].loadBalancer[0].listenerPort", "// lb.listenerPort",
        "scaling[web].stepScaling[burst].threshold", "// step.threshold",
        "scaling[web].stepScaling[burst].steps[0]", "// step.step",
        "scaling[web].stepScaling[burst].cooldown", "// step.cooldown");
    List<String> lines = Files.readAllLines(SOURCE, StandardCharsets.UTF_8);
    Map<String, SourceLocation> locations = evaluation.sources().locations();
    expected.forEach((path, marker) -> {
      int line = lines.stream().filter(l -> l.contains(marker)).findFirst().map(lines::indexOf).orElseThrow() + 1;
      assertThat(locations.get(path)).as(path).isEqualTo(new SourceLocation(FILE, line));
    });
  }

  @Test
  void aViolationInsideALambdaPointsAtTheNestedCall() {
    StackEvaluation broken = Infra.evaluate("broken", infra -> infra.taskDefinition("web")
        .volume("data", v -> v.scope(VolumeScope.TASK)
            .autoprovision(true))
        .container("app", c -> c.image("local/app:1").memory(128)));
    int autoprovisionLine = broken.sources().locations()
        .get("taskDefinition[web].volume[data].dockerVolumeConfiguration.autoprovision").line();
    int volumeLine = broken.sources().locations().get("taskDefinition[web].volume[data]").line();

    assertThat(autoprovisionLine).isEqualTo(volumeLine + 1);
    assertThat(broken.validate()).anySatisfy(v -> {
      assertThat(v.code()).isEqualTo("BerthVolumeConfiguration");
      assertThat(v.location()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(autoprovisionLine));
    });
  }

  @Test
  void theNestedCallsStillBuildTheSameModel() {
    var state = evaluation.state();
    assertThat(state.clusters().get(0).capacity().get(0).attributes()).containsEntry("tier", "web");
    assertThat(state.services().get(0).loadBalancers().get(0).listenerPort()).isEqualTo(80);
    assertThat(state.scaling().get(0).stepScaling().get(0).cooldown()).isEqualTo(120);
    assertThat(state.taskDefinitions().get(0).volumes().get(0).dockerVolumeConfiguration().orElseThrow()
        .autoprovision()).contains(true);
  }
}
