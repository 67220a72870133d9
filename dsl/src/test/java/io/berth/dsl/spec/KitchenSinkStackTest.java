package io.berth.dsl.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.dsl.Infra;
import io.berth.dsl.StackEvaluation;
import io.berth.json.ApiShapeChecker;
import io.berth.json.DesiredStateJson;
import io.berth.json.SharedData;
import io.berth.json.TaskDefinitionJson;
import io.berth.model.ContainerDefinition;
import io.berth.model.TaskDefinition;
import io.berth.validation.Severity;
import io.berth.validation.Violation;
import org.junit.jupiter.api.Test;

/** Every DSL method in one stack: it validates, exports API-shaped JSON and round-trips. */
class KitchenSinkStackTest {
  private final StackEvaluation evaluation = Infra.evaluate("sink", new KitchenSinkStack());

  @Test
  void theWholeDslValidatesWithoutErrors() {
    assertThat(evaluation.validate()).filteredOn(v -> v.severity() == Severity.ERROR)
        .extracting(Violation::format).isEmpty();
    assertThat(evaluation.isValid()).isTrue();
  }

  @Test
  void everyTaskDefinitionExportFitsTheApiShapeAndReadsBack() {
    ApiShapeChecker ecs = SharedData.ecsShapes();
    for (TaskDefinition task : evaluation.state().taskDefinitions()) {
      String json = TaskDefinitionJson.write(task);
      assertThat(ecs.check("RegisterTaskDefinitionRequest", json)).as(task.family()).isEmpty();
      assertThat(TaskDefinitionJson.read(task.family() + ".json", json).taskDefinition()).isEqualTo(task);
    }
    assertThat(DesiredStateJson.read("sink", DesiredStateJson.write(evaluation.state()))).isEqualTo(evaluation.state());
  }

  @Test
  void containerMembersLandWhereTheApiExpectsThem() {
    ContainerDefinition web = evaluation.state().taskDefinitions().stream().filter(t -> t.family().equals("app"))
        .findFirst().orElseThrow().container("web").orElseThrow();
    assertThat(web.healthCheck().orElseThrow().command()).containsExactly("CMD", "/bin/web", "--health");
    assertThat(web.linuxParameters().orElseThrow().capabilities().orElseThrow().add()).containsExactly("NET_ADMIN");
    assertThat(web.restartPolicy().orElseThrow().ignoredExitCodes()).containsExactly(0, 143);
    assertThat(web.mountPoints()).hasSize(3);
    assertThat(web.dependsOn()).hasSize(2);
    assertThat(web.secrets().get(0).valueFrom()).isEqualTo("secret/sink/db");
  }

  @Test
  void nestedCallsRecordTheirOwnLines() {
    var locations = evaluation.sources().locations();
    assertThat(locations.get("taskDefinition[app].container[web].healthCheck.interval").line())
        .isEqualTo(locations.get("taskDefinition[app].container[web].dependsOn[db]").line() + 1);
    assertThat(locations).containsKeys("scaling[app].stepScaling[burst]", "scaling[app].scheduledAction[launch]",
        "service[node-agent].schedulingStrategy", "cluster[sink].instanceRoleArn", "role[exec].statements[1]");
  }
}
