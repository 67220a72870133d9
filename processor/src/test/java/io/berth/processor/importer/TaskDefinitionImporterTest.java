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
  void iamRolesBecomeBerthRolesWithTheArnInAComment() throws IOException {
    String json = """
        {"family": "web", "taskRoleArn": "arn:aws:iam::123456789012:role/webTaskRole",
         "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
         "containerDefinitions": [{"name": "app", "image": "local/web:1", "memory": 128}]}
        """;
    ImportedSource imported = TaskDefinitionImporter.importJson("web.json", json, "com.acme.infra");

    assertGolden("WebStack.java.txt", imported.source());
    assertThat(imported.warnings()).containsExactly(
        "web.json: role arn:aws:iam::123456789012:role/webTaskRole becomes the Berth role \"webTaskRole\":"
            + " add its statements (allow/deny) to the generated code",
        "web.json: role arn:aws:iam::123456789012:role/ecsTaskExecutionRole becomes the Berth role"
            + " \"ecsTaskExecutionRole\": add its statements (allow/deny) to the generated code");
  }

  @Test
  void theSameInputAlwaysGivesTheSameSource() throws IOException {
    String json = corpus("aws__amazon-ecs-agent__ftest-container-ordering-healthy.json");
    assertThat(TaskDefinitionImporter.importJson("a.json", json, "p").source())
        .isEqualTo(TaskDefinitionImporter.importJson("a.json", json, "p").source());
  }

  @Test
  void aMemberTheDslCannotExpressIsRefusedByPath() throws IOException {
    String json = corpus("aws__amazon-ecs-agent__ftest-firelens-fluentbit.json");
    assertThatThrownBy(() -> TaskDefinitionImporter.importJson("firelens.json", json, "com.acme"))
        .isInstanceOf(ImportException.class)
        .hasMessage("firelens.json: $.containerDefinitions[0].firelensConfiguration: a FireLens log"
            + " router configuration; the Berth DSL cannot express it yet: remove it from the input to"
            + " import the rest, or keep this task definition in JSON");
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
