package io.berth.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import io.berth.json.BerthJson;
import io.berth.model.TaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireContractTest {

  @Test
  void syncRequestSurvivesAJsonRoundTrip() throws Exception {
    var container = new ObservedContainer("web", "abc123", TaskStatus.RUNNING, Optional.empty(),
        HealthStatus.HEALTHY, List.of(new NetworkBinding(80, 49200, "tcp", "127.0.0.1")));
    var task = new ObservedTask("t-1", TaskStatus.RUNNING, HealthStatus.HEALTHY, List.of(container),
        Optional.empty(), Optional.of("2026-11-23T09:00:00Z"), Optional.empty());
    var json = BerthJson.mapper().writeValueAsString(new SyncRequest(List.of(task)));

    var back = BerthJson.mapper().readValue(json, SyncRequest.class);

    assertThat(back).isEqualTo(new SyncRequest(List.of(task)));
    assertThat(back.tasks().get(0).startedAtInstant()).isPresent();
  }

  @Test
  void omittedMembersReadAsEmptyNotNull() throws Exception {
    var request = BerthJson.mapper().readValue(
        "{\"cluster\":\"c\",\"hostname\":\"h\",\"cpu\":1024,\"memory\":512}", RegisterInstanceRequest.class);

    assertThat(request.instanceId()).isEmpty();
    assertThat(request.attributes()).isEmpty();
  }

  @Test
  void assignedTaskCarriesTheTaskDefinitionAsJson() throws Exception {
    var definition = BerthJson.mapper().readValue("{\"family\":\"web\"}", TaskDefinition.class);
    var assigned = new AssignedTask("t-1", "default", "service:web", "web", 3, definition,
        DesiredStatus.RUNNING, "deployment/d-1");

    var json = BerthJson.mapper().writeValueAsString(new SyncResponse(List.of(assigned)));

    assertThat(BerthJson.mapper().readTree(json).at("/tasks/0/taskDefinition/family").asText()).isEqualTo("web");
    assertThat(BerthJson.mapper().readValue(json, SyncResponse.class).tasks()).containsExactly(assigned);
  }

  @Test
  void anAssignedTaskFromAnOlderControlPlaneIsSampled() throws Exception {
    var definition = BerthJson.mapper().readValue("{\"family\":\"web\"}", TaskDefinition.class);
    var unsampled = new AssignedTask("t-1", "default", "service:web", "web", 3, definition,
        DesiredStatus.RUNNING, "deployment/d-1", false);
    var json = BerthJson.mapper().writeValueAsString(unsampled);

    assertThat(BerthJson.mapper().readValue(json, AssignedTask.class).sampleUtilization()).isFalse();
    var withoutMember = (ObjectNode) BerthJson.mapper().readTree(json);
    withoutMember.remove("sampleUtilization");
    assertThat(BerthJson.mapper().treeToValue(withoutMember, AssignedTask.class).sampleUtilization())
        .as("absent: the control plane expects samples of every running task").isTrue();
  }

  @Test
  void secretValueNeverPrintsItsValue() {
    assertThat(new SecretValue("shop/db", "hunter2").toString()).doesNotContain("hunter2");
  }

  @Test
  void attributesAreSortedForStableBytes() {
    var request = new RegisterInstanceRequest("c", Optional.empty(), "h", 1024, 512,
        Map.of("z", "1", "a", "2"), "dev");
    assertThat(request.attributes().keySet()).containsExactly("a", "z");
  }
}
