package io.berth.dsl.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.dsl.Infra;
import io.berth.dsl.StackEvaluation;
import io.berth.json.ApiShapeChecker;
import io.berth.json.SharedData;
import io.berth.json.TaskDefinitionJson;
import io.berth.model.ApplicationProtocol;
import io.berth.model.ContainerDefinition;
import io.berth.model.EfsAuthorizationConfig;
import io.berth.model.EfsVolumeConfiguration;
import io.berth.model.FirelensConfiguration;
import io.berth.model.FirelensType;
import io.berth.model.InferenceAccelerator;
import io.berth.model.KeyValuePair;
import io.berth.model.PortMapping;
import io.berth.model.ProxyConfiguration;
import io.berth.model.ProxyType;
import io.berth.model.ResourceRequirement;
import io.berth.model.ResourceType;
import io.berth.model.RestartPolicy;
import io.berth.model.TaskDefinition;
import io.berth.model.Toggle;
import io.berth.model.TransportProtocol;
import io.berth.model.VersionConsistency;
import io.berth.validation.Severity;
import io.berth.validation.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The less common ECS members: what each DSL call puts in the model, and the line it records. */
class EcsFeaturesStackTest {
  private static final Path SOURCE = Path.of("src/test/java/io/berth/dsl/spec/EcsFeaturesStack.java");

  private final StackEvaluation evaluation = Infra.evaluate("features", new EcsFeaturesStack());
  private final TaskDefinition mesh = evaluation.state().taskDefinitions().get(0);

  private ContainerDefinition container(String name) {
    return mesh.container(name).orElseThrow();
  }

  @Test
  void theStackIsValidAndItsExportFitsTheEcsApiShape() {
    assertThat(evaluation.validate()).filteredOn(v -> v.severity() == Severity.ERROR)
        .extracting(Violation::format).isEmpty();
    String json = TaskDefinitionJson.write(mesh);
    ApiShapeChecker ecs = SharedData.ecsShapes();
    assertThat(ecs.check("RegisterTaskDefinitionRequest", json)).isEmpty();
    assertThat(TaskDefinitionJson.read("mesh.json", json).taskDefinition()).isEqualTo(mesh);
  }

  @Test
  void taskLevelMembers() {
    assertThat(mesh.enableFaultInjection()).contains(true);
    assertThat(mesh.inferenceAccelerators()).containsExactly(new InferenceAccelerator("device_1", "eia2.medium"));
    assertThat(mesh.proxyConfiguration()).contains(new ProxyConfiguration(Optional.of(ProxyType.APPMESH), "envoy",
        List.of(new KeyValuePair("IgnoredUID", "1337"), new KeyValuePair("AppPorts", "8080"),
            new KeyValuePair("ProxyIngressPort", "15000"), new KeyValuePair("ProxyEgressPort", "15001"))));
    assertThat(mesh.volumes().get(0).efsVolumeConfiguration()).contains(new EfsVolumeConfiguration("fs-12345678",
        Optional.of("/"), Optional.of(Toggle.ENABLED), Optional.of(2049),
        Optional.of(new EfsAuthorizationConfig(Optional.of("fsap-1234"), Optional.of(Toggle.ENABLED)))));
    assertThat(mesh.volumes().get(1).efsVolumeConfiguration()).contains(new EfsVolumeConfiguration("fs-87654321",
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(mesh.volumes()).allMatch(v -> v.host().isEmpty() && v.dockerVolumeConfiguration().isEmpty());
  }

  @Test
  void containerMembers() {
    assertThat(container("log_router").firelensConfiguration()).contains(new FirelensConfiguration(
        FirelensType.FLUENTBIT, Map.of("enable-ecs-log-metadata", "true")));
    ContainerDefinition app = container("app");
    assertThat(app.portMappings()).containsExactly(
        new PortMapping(Optional.of(8080), Optional.empty(), Optional.empty(), Optional.of("web"),
            Optional.of(ApplicationProtocol.HTTP), Optional.empty()),
        new PortMapping(Optional.empty(), Optional.empty(), Optional.of(TransportProtocol.UDP), Optional.empty(),
            Optional.empty(), Optional.of("9000-9010")));
    assertThat(app.restartPolicy()).contains(new RestartPolicy(true, List.of(0, 143), Optional.of(60)));
    assertThat(app.resourceRequirements()).containsExactly(
        new ResourceRequirement("device_1", ResourceType.INFERENCEACCELERATOR));
    assertThat(app.versionConsistency()).contains(VersionConsistency.DISABLED);
    assertThat(app.credentialSpecs()).containsExactly("credentialspecdomainless:arn:aws:s3:::bucket/spec.json");
    assertThat(app.repositoryCredentials().orElseThrow().credentialsParameter()).isEqualTo("secret/registry");
    assertThat(app.environmentFiles()).singleElement().satisfies(f -> assertThat(f.value())
        .isEqualTo("arn:aws:s3:::bucket/app.env"));
    assertThat(app.linuxParameters().orElseThrow().maxSwap()).contains(512);
    assertThat(app.linuxParameters().orElseThrow().swappiness()).isEmpty();
    assertThat(app.linuxParameters().orElseThrow().devices()).singleElement().satisfies(d -> {
      assertThat(d.hostPath()).isEqualTo("/dev/fuse");
      assertThat(d.containerPath()).isEmpty();
    });
  }

  @Test
  void callsInsideNestedLambdasRecordTheirOwnLines() throws IOException {
    Map<String, String> expected = Map.of(
        "taskDefinition[mesh].volume[shared].efsVolumeConfiguration.rootDirectory", "// efs.rootDirectory",
        "taskDefinition[mesh].volume[shared].efsVolumeConfiguration.authorizationConfig.accessPointId",
        "// efs.accessPointId",
        "taskDefinition[mesh].proxyConfiguration.type", "// proxy.type",
        "taskDefinition[mesh].proxyConfiguration.properties[IgnoredUID]", "// proxy.IgnoredUID",
        "taskDefinition[mesh].container[log_router].firelensConfiguration.options[enable-ecs-log-metadata]",
        "// firelens.option",
        "taskDefinition[mesh].container[log_router].logConfiguration.options[max-size]", "// log.option",
        "taskDefinition[mesh].container[app].portMappings[0].name", "// port.name",
        "taskDefinition[mesh].container[app].restartPolicy.restartAttemptPeriod", "// restart.period",
        "taskDefinition[mesh].container[app].linuxParameters.maxSwap", "// linux.maxSwap",
        "taskDefinition[mesh].container[app].linuxParameters.devices[0]", "// linux.device");
    List<String> lines = Files.readAllLines(SOURCE, StandardCharsets.UTF_8);
    var locations = evaluation.sources().locations();
    expected.forEach((path, marker) -> {
      int line = lines.stream().filter(l -> l.contains(marker)).findFirst().map(lines::indexOf).orElseThrow() + 1;
      assertThat(locations.get(path)).as(path).isNotNull();
      assertThat(locations.get(path).line()).as(path).isEqualTo(line);
      assertThat(locations.get(path).file()).isEqualTo("io/berth/dsl/spec/EcsFeaturesStack.java");
    });
  }

  @Test
  void topLevelCallsRecordTheirLines() {
    var locations = evaluation.sources().locations();
    assertThat(locations).containsKeys("taskDefinition[mesh].enableFaultInjection",
        "taskDefinition[mesh].inferenceAccelerators[device_1]", "taskDefinition[mesh].volume[plain]",
        "taskDefinition[mesh].container[app].resourceRequirements[0]",
        "taskDefinition[mesh].container[app].versionConsistency",
        "taskDefinition[mesh].container[app].credentialSpecs[0]",
        "taskDefinition[mesh].container[app].portMappings[1]");
  }
}
