package io.berth.processor.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth import}: ECS JSON in, readable and stable DSL source out, precise refusals. */
class TaskDefinitionImporterTest {
  private static final Path CORPUS = Path.of(System.getProperty("berth.shared.dir", "../../shared"), "ecs-corpus");
  private static final Path GOLDEN = Path.of("src/test/resources/import");

  private static String corpus(String name) throws IOException {
    return Files.readString(CORPUS.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void importedSourceReadsLikeHandWrittenDslAndMatchesTheGoldenFile() throws IOException {
    ImportedSource imported = TaskDefinitionImporter.importJson("nginx-fargate.json",
        corpus("aws-samples__aws-containers-task-definitions__nginx-fargate.json"), "com.acme.infra");

    assertThat(imported.qualifiedName()).isEqualTo("com.acme.infra.NginxStack");
    assertThat(imported.stackName()).isEqualTo("nginx");
    assertGolden("NginxStack.java.txt", imported.source());
  }

  @Test
  void iamRolesAreKeptAsExistingRolesWithTheirArnsAsWritten() throws IOException {
    String json = """
        {"family": "web", "taskRoleArn": "arn:aws:iam::123456789012:role/webTaskRole",
         "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "containerDefinitions": [{"name": "app", "image": "local/web:1", "memory": 128}]}
        """;
    ImportedSource imported = TaskDefinitionImporter.importJson("web.json", json, "com.acme.infra");

    assertGolden("WebStack.java.txt", imported.source());
    assertThat(imported.source())
        .contains("RoleReference webTaskRole = infra.existingRole(\"arn:aws:iam::123456789012:role/webTaskRole\");")
        .contains(".taskRole(webTaskRole)");
    assertThat(imported.warnings()).isEmpty();
  }

  @Test
  void aPlaceholderTaskCpuIsRefusedBeforeAnythingIsWritten() {
    String json = """
        {"family": "agent", "cpu": "$$$$CPUSHARE$$$$",
         "containerDefinitions": [{"name": "app", "image": "local/app:1", "memory": 128}]}
        """;
    assertThatThrownBy(() -> TaskDefinitionImporter.importJson("agent.json", json, "com.acme"))
        .isInstanceOfSatisfying(ImportException.class, e -> {
          assertThat(e.invalidInput()).isTrue();
          assertThat(e.path()).isEqualTo("$.cpu");
          assertThat(e.getMessage()).startsWith("agent.json: $.cpu: [BerthTaskSize] task cpu '$$$$CPUSHARE$$$$' is"
              + " not an accepted spelling; write units (\"256\") or vCPUs (\"0.25 vCPU\")")
              .endsWith("ECS would refuse this task definition too: fix it in the file and import it again");
        });
  }

  @Test
  void aBooleanWrittenAsAStringIsAnErrorNotConvertedSilently() {
    String json = """
        {"family": "web", "containerDefinitions": [{"name": "app", "image": "local/app:1", "memory": 128,
          "essential": "false", "portMappings": [{"containerPort": "8080"}]}]}
        """;
    assertThatThrownBy(() -> TaskDefinitionImporter.importJson("web.json", json, "com.acme"))
        .isInstanceOfSatisfying(ImportException.class, e -> {
          assertThat(e.path()).isEqualTo("$.containerDefinitions[0].essential");
          assertThat(e.getMessage()).isEqualTo("web.json: $.containerDefinitions[0].essential: expected a boolean,"
              + " found the string \"false\"; write false without quotes"
              + "\nweb.json: $.containerDefinitions[0].portMappings[0].containerPort: expected a number, found the"
              + " string \"8080\"; write 8080 without quotes"
              + "\nECS would refuse this task definition too: fix these in the file and import it again");
        });
  }

  @Test
  void everyErrorOfTheCompileIsNamedWithItsJsonPath() {
    String json = """
        {"family": "web", "networkMode": "awsvpc",
         "containerDefinitions": [{"name": "app", "image": "local/app:1", "memory": 128, "hostname": "web",
           "environment": [{"name": "MODE", "value": "a"}, {"name": "A=B", "value": "b"}]}]}
        """;
    assertThatThrownBy(() -> TaskDefinitionImporter.importJson("web.json", json, "com.acme"))
        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.getMessage().lines().toList())
            .anyMatch(l -> l.startsWith("web.json: $.containerDefinitions[0].environment[1]: [BerthEnvironment]"))
            .anyMatch(l -> l.startsWith("web.json: $.containerDefinitions[0].hostname: [BerthNetworkMode]")));
  }

  @Test
  void aFamilyOfEcsMaximumLengthGivesAClassNameThatFitsAFileName() {
    String family = "a-".repeat(127) + "b";
    String json = "{\"family\": \"" + family + "\", \"containerDefinitions\": [{\"name\": \"app\","
        + " \"image\": \"local/app:1\", \"memory\": 128}]}";
    ImportedSource imported = TaskDefinitionImporter.importJson("long.json", json, "com.acme");

    assertThat(family).hasSize(255);
    assertThat(imported.className().length() + ".class".length()).isLessThan(128);
    assertThat(imported.stackName()).isEqualTo(family);
  }

  @Test
  void theSameInputAlwaysGivesTheSameSource() throws IOException {
    String json = corpus("aws__amazon-ecs-agent__ftest-container-ordering-healthy.json");
    assertThat(TaskDefinitionImporter.importJson("a.json", json, "p").source())
        .isEqualTo(TaskDefinitionImporter.importJson("a.json", json, "p").source());
  }

  @Test
  void fireLensAppMeshAndEfsImportAsTypedDslCalls() throws IOException {
    ImportedSource imported = TaskDefinitionImporter.importJson("appmesh-envoy-firelens-fargate.json",
        corpus("aws-samples__amazon-ecs-firelens-examples__appmesh-envoy-firelens-fargate.json"), "com.acme.infra");

    assertGolden("AppMeshFirelensStack.java.txt", imported.source());
    assertThat(imported.source())
        .contains(".proxyConfiguration(\"envoy\", p -> p.type(ProxyType.APPMESH)")
        .contains(".firelensConfiguration(");
  }

  @Test
  void namedPortsRestartPoliciesAndAcceleratorsImportAsTypedDslCalls() {
    String json = """
        {"family": "infer", "inferenceAccelerators": [{"deviceName": "d1", "deviceType": "eia2.medium"}],
         "volumes": [{"name": "shared", "efsVolumeConfiguration": {"fileSystemId": "fs-1",
             "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1", "iam": "ENABLED"}}}],
         "containerDefinitions": [{"name": "app", "image": "local/app:1", "memory": 128,
           "portMappings": [{"containerPort": 8080, "name": "web", "appProtocol": "http"},
                            {"containerPortRange": "9000-9010", "protocol": "udp"}],
           "restartPolicy": {"enabled": true, "ignoredExitCodes": [0]},
           "resourceRequirements": [{"type": "InferenceAccelerator", "value": "d1"}],
           "versionConsistency": "disabled",
           "credentialSpecs": ["credentialspecdomainless:arn:aws:s3:::bucket/spec.json"]}]}
        """;
    String source = TaskDefinitionImporter.importJson("infer.json", json, "com.acme").source();

    assertThat(source)
        .contains(".inferenceAccelerator(\"d1\", \"eia2.medium\")")
        .contains(".efsVolume(\"shared\", \"fs-1\", e -> e.transitEncryption(Toggle.ENABLED).accessPoint(\"fsap-1\")"
            + ".iam(Toggle.ENABLED))")
        .contains(".portMapping(p -> p.containerPort(8080).name(\"web\").appProtocol(ApplicationProtocol.HTTP))")
        .contains(".portMapping(p -> p.containerPortRange(\"9000-9010\").protocol(TransportProtocol.UDP))")
        .contains(".restartPolicy(r -> r.enabled(true).ignoredExitCodes(0))")
        .contains(".resourceRequirement(ResourceType.INFERENCEACCELERATOR, \"d1\")")
        .contains(".versionConsistency(VersionConsistency.DISABLED)")
        .contains(".credentialSpec(\"credentialspecdomainless:arn:aws:s3:::bucket/spec.json\")");
  }

  @Test
  void aMemberTheDslCannotExpressIsRefusedByPath() {
    String json = """
        {"family": "mnt", "volumes": [{"name": "data"}],
         "containerDefinitions": [{"name": "app", "image": "local/app:1", "memory": 128,
          "mountPoints": [{"sourceVolume": "data"}]}]}
        """;
    assertThatThrownBy(() -> TaskDefinitionImporter.importJson("dev.json", json, "com.acme"))
        .isInstanceOf(ImportException.class)
        .hasMessage("dev.json: $.containerDefinitions[0].mountPoints[0]: a mount point without sourceVolume or"
            + " containerPath;"
            + " the Berth DSL cannot express it yet: remove it from the input to import the rest, or keep this"
            + " task definition in JSON")
        .matches(e -> !((ImportException) e).invalidInput(), "not flagged as invalid input");
  }

  @Test
  void aDeviceWithoutContainerPathKeepsItsHostPath() {
    String json = """
        {"family": "fuse", "containerDefinitions": [{"name": "app", "image": "local/app:1", "memory": 128,
          "linuxParameters": {"devices": [{"hostPath": "/dev/fuse", "permissions": ["read"]}]}}]}
        """;
    assertThat(TaskDefinitionImporter.importJson("fuse.json", json, "com.acme").source())
        .contains(".linuxParameters(l -> l.device(\"/dev/fuse\", DevicePermission.READ))");
  }

  @Test
  void aServicePlacementConstraintInATaskDefinitionIsRefusedAsInvalidEcs() {
    String json = """
        {"family": "spread", "placementConstraints": [{"type": "distinctInstance"}],
         "containerDefinitions": [{"name": "app", "image": "local/app:1", "memory": 128}]}
        """;
    assertThatThrownBy(() -> TaskDefinitionImporter.importJson("spread.json", json, "com.acme"))
        .isInstanceOf(ImportException.class)
        .hasMessage("spread.json: $.placementConstraints[0]: [BerthMemberOfSyntax] task definition constraints must"
            + " be of type memberOf, not 'distinctInstance'"
            + "\nECS would refuse this task definition too: fix it in the file and import it again")
        .matches(e -> ((ImportException) e).invalidInput(), "flagged as invalid input");
  }

  @Test
  void aHealthCheckCommandWithoutCmdOrCmdShellIsRefusedAsInvalidEcs() {
    String json = """
        {"family": "hc", "containerDefinitions": [{"name": "app", "image": "local/app:1", "memory": 128,
          "healthCheck": {"command": ["curl -f localhost"]}}]}
        """;
    assertThatThrownBy(() -> TaskDefinitionImporter.importJson("hc.json", json, "com.acme"))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith("hc.json: $.containerDefinitions[0].healthCheck.command: [BerthHealthCheckCommand]"
            + " health check command [curl -f localhost] must be [\"CMD\", program, args...] or"
            + " [\"CMD-SHELL\", \"command line\"]")
        .matches(e -> ((ImportException) e).invalidInput(), "flagged as invalid input");
  }

  @Test
  void aPlaceholderFamilyIsRefusedAsInvalidEcs() {
    String json = """
        {"family": "<TASK_NAME>", "containerDefinitions": [{"name": "app", "image": "local/app:1", "memory": 128}]}
        """;
    assertThatThrownBy(() -> TaskDefinitionImporter.importJson("t.json", json, "com.acme"))
        .isInstanceOf(ImportException.class)
        .hasMessage("t.json: $.family: '<TASK_NAME>' is not a valid family name; ECS would refuse this task"
            + " definition too: use 1-255 letters, digits, '-' and '_' (it also names the stack), e.g. replace the"
            + " placeholder")
        .matches(e -> ((ImportException) e).invalidInput(), "flagged as invalid input");
  }

  @Test
  void anUnknownEnumValueIsRefusedWithTheAllowedValues() throws IOException {
    String json = corpus("aws-observability__aws-otel-collector__otel-prometheus-ec2.json");
    assertThatThrownBy(() -> TaskDefinitionImporter.importJson("otel.json", json, "com.acme"))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("$.networkMode: 'default' is not a valid NetworkMode; allowed values:"
            + " bridge, host, awsvpc, none");
  }

  @Test
  void aMemberTheReaderRefusesKeepsItsPathAndNamesTheFileOnce() throws IOException {
    String json = corpus("aws-observability__aws-otel-collector__otel-prometheus-ec2.json");
    assertThatThrownBy(() -> TaskDefinitionImporter.importJson("otel.json", json, "com.acme"))
        .isInstanceOfSatisfying(ImportException.class, e -> {
          assertThat(e.path()).isEqualTo("$.networkMode");
          assertThat(e.getMessage()).startsWith("otel.json: $.networkMode: 'default' is not a valid NetworkMode");
        });
  }

  @Test
  void anInvalidPackageNameIsRefused() {
    assertThatThrownBy(() -> TaskDefinitionImporter.importJson("x.json", "{}", "com.acme.1infra"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("package \"com.acme.1infra\" is not a valid Java package name: use"
            + " dot-separated identifiers such as com.acme.infra");
  }

  @Test
  void importFilesWritesOneClassPerFileUnderTheSourceRoot(@TempDir Path out) throws IOException {
    List<ImportedSource> written = TaskDefinitionImporter.importFiles(List.of(
            CORPUS.resolve("aws-samples__aws-containers-task-definitions__nginx-fargate.json"),
            CORPUS.resolve("aws-samples__aws-containers-task-definitions__nginx-ec2-bridge.json")),
        "com.acme.infra", out);

    assertThat(written).extracting(ImportedSource::className).containsExactly("NginxStack", "Nginx2Stack");
    assertThat(written).extracting(ImportedSource::stackName).containsExactly("nginx", "nginx-2");
    assertThat(out.resolve("com/acme/infra/NginxStack.java")).exists();
    assertThat(Files.readString(out.resolve("com/acme/infra/Nginx2Stack.java")))
        .contains("public final class Nginx2Stack implements StackDefinition");
  }

  private static void assertGolden(String name, String actual) throws IOException {
    Path golden = GOLDEN.resolve(name);
    if (Boolean.getBoolean("berth.updateGolden")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
