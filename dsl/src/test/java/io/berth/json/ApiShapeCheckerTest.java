package io.berth.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.dsl.Infra;
import io.berth.dsl.spec.ShopStack;
import io.berth.model.ApiEnum;
import io.berth.model.ApplicationProtocol;
import io.berth.model.Compatibility;
import io.berth.model.ContainerCondition;
import io.berth.model.CpuArchitecture;
import io.berth.model.DevicePermission;
import io.berth.model.EnvironmentFileType;
import io.berth.model.FirelensType;
import io.berth.model.IpcMode;
import io.berth.model.LaunchType;
import io.berth.model.LogDriver;
import io.berth.model.NetworkMode;
import io.berth.model.OsFamily;
import io.berth.model.PidMode;
import io.berth.model.PlacementConstraintType;
import io.berth.model.PlacementStrategyType;
import io.berth.model.ResourceType;
import io.berth.model.SchedulingStrategy;
import io.berth.model.TaskDefinition;
import io.berth.model.TransportProtocol;
import io.berth.model.UlimitName;
import io.berth.model.VersionConsistency;
import io.berth.model.VolumeScope;
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
        Map.entry(NetworkMode.class, "NetworkMode"),
        Map.entry(Compatibility.class, "Compatibility"),
        Map.entry(LaunchType.class, "LaunchType"),
        Map.entry(TransportProtocol.class, "TransportProtocol"),
        Map.entry(ApplicationProtocol.class, "ApplicationProtocol"),
        Map.entry(ContainerCondition.class, "ContainerCondition"),
        Map.entry(LogDriver.class, "LogDriver"),
        Map.entry(UlimitName.class, "UlimitName"),
        Map.entry(DevicePermission.class, "DeviceCgroupPermission"),
        Map.entry(PidMode.class, "PidMode"),
        Map.entry(IpcMode.class, "IpcMode"),
        Map.entry(VolumeScope.class, "Scope"),
        Map.entry(PlacementStrategyType.class, "PlacementStrategyType"),
        Map.entry(PlacementConstraintType.class, "PlacementConstraintType"),
        Map.entry(SchedulingStrategy.class, "SchedulingStrategy"),
        Map.entry(OsFamily.class, "OSFamily"),
        Map.entry(CpuArchitecture.class, "CPUArchitecture"),
        Map.entry(ResourceType.class, "ResourceType"),
        Map.entry(FirelensType.class, "FirelensConfigurationType"),
        Map.entry(VersionConsistency.class, "VersionConsistency"),
        Map.entry(EnvironmentFileType.class, "EnvironmentFileType"));
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
