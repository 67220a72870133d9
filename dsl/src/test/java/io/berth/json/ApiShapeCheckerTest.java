package io.berth.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.dsl.Infra;
import io.berth.dsl.spec.ShopStack;
import io.berth.model.ApiEnum;
import io.berth.model.TaskDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiShapeCheckerTest {
  private static final ApiShapeChecker ECS = SharedData.ecsShapes();
  private static final String SHAPE = "RegisterTaskDefinitionRequest";

  @Test
  void everyMismatchIsListedWithItsJsonPath() {
    List<ShapeMismatch> mismatches = ECS.check(SHAPE, """
        {"containerDefinitions": [{"name": "a", "cpu": "256", "essential": 1, "portBindings": [],
          "portMappings": [{"protocol": "sctp"}]}],
         "networkMode": "default", "cpu": 256}
        """);
    assertThat(mismatches).extracting(ShapeMismatch::toString).containsExactly(
        "$.containerDefinitions[0].cpu: expected an integer, found string \"256\"",
        "$.containerDefinitions[0].essential: expected a boolean, found number 1",
        "$.containerDefinitions[0].portBindings: 'portBindings' is not a member of ContainerDefinition",
        "$.containerDefinitions[0].portMappings[0].protocol: 'sctp' is not in enum TransportProtocol (tcp, udp)",
        "$.networkMode: 'default' is not in enum NetworkMode (bridge, host, awsvpc, none)",
        "$.cpu: expected a string, found number 256",
        "$.family: required member of RegisterTaskDefinitionRequest is missing");
  }

  @Test
  void everyDslExportFitsTheRegisterTaskDefinitionShape() {
    for (TaskDefinition task : Infra.evaluate("shop", new ShopStack()).state().taskDefinitions()) {
      assertThat(ECS.check(SHAPE, TaskDefinitionJson.write(task))).as(task.family()).isEmpty();
    }
  }

  @Test
  void anUnknownShapeNameFailsClearly() {
    assertThatThrownBy(() -> ECS.check("NoSuchShape", "{}")).hasMessage("no shape 'NoSuchShape' in the service model");
  }

  /** The model's enums spell exactly the API's values, so what Berth writes the API reads and vice versa. */
  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void modelEnumsMatchTheApiEnums() throws Exception {
    JsonNode shapes = BerthJson.mapper().readTree(SharedData.serviceModel()).get("shapes");
    Map<Class<? extends Enum>, String> pairs = Map.ofEntries(
        Map.entry(io.berth.model.NetworkMode.class, "NetworkMode"),
        Map.entry(io.berth.model.Compatibility.class, "Compatibility"),
        Map.entry(io.berth.model.LaunchType.class, "LaunchType"),
        Map.entry(io.berth.model.TransportProtocol.class, "TransportProtocol"),
        Map.entry(io.berth.model.ApplicationProtocol.class, "ApplicationProtocol"),
        Map.entry(io.berth.model.ContainerCondition.class, "ContainerCondition"),
        Map.entry(io.berth.model.LogDriver.class, "LogDriver"),
        Map.entry(io.berth.model.UlimitName.class, "UlimitName"),
        Map.entry(io.berth.model.DevicePermission.class, "DeviceCgroupPermission"),
        Map.entry(io.berth.model.PidMode.class, "PidMode"),
        Map.entry(io.berth.model.IpcMode.class, "IpcMode"),
        Map.entry(io.berth.model.VolumeScope.class, "Scope"),
        Map.entry(io.berth.model.PlacementStrategyType.class, "PlacementStrategyType"),
        Map.entry(io.berth.model.PlacementConstraintType.class, "PlacementConstraintType"),
        Map.entry(io.berth.model.SchedulingStrategy.class, "SchedulingStrategy"),
        Map.entry(io.berth.model.OsFamily.class, "OSFamily"),
        Map.entry(io.berth.model.CpuArchitecture.class, "CPUArchitecture"),
        Map.entry(io.berth.model.ResourceType.class, "ResourceType"),
        Map.entry(io.berth.model.FirelensType.class, "FirelensConfigurationType"),
        Map.entry(io.berth.model.VersionConsistency.class, "VersionConsistency"),
        Map.entry(io.berth.model.EnvironmentFileType.class, "EnvironmentFileType"));
    List<String> differences = new ArrayList<>();
    pairs.forEach((type, shape) -> {
      List<String> ours = Arrays.stream(type.getEnumConstants()).map(c -> ((ApiEnum) c).apiValue()).sorted().toList();
      List<String> api = new ArrayList<>();
      shapes.get(shape).get("enum").forEach(v -> api.add(v.asText()));
      if (!ours.equals(api.stream().sorted().toList())) {
        differences.add(type.getSimpleName() + " " + ours + " vs " + shape + " " + api);
      }
    });
    assertThat(differences).isEmpty();
  }
}
