package io.berth.validation.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.json.SharedData;
import io.berth.json.TaskDefinitionJson;
import io.berth.json.TaskDefinitionJsonException;
import io.berth.model.TaskDefinition;
import io.berth.validation.Validator;
import io.berth.validation.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The validator on real-world task definitions: it never crashes, and it finds the departures SOURCES.md notes. */
class CorpusValidationTest {

  @Test
  void everyImportableCorpusFileValidatesAndKnownDeparturesAreFound() throws IOException {
    Map<String, List<Violation>> byFile = new TreeMap<>();
    try (Stream<Path> files = Files.list(SharedData.dir().resolve("ecs-corpus"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String name = file.getFileName().toString();
        TaskDefinition task;
        try {
          task = TaskDefinitionJson.read(name, Files.readString(file)).taskDefinition();
        } catch (TaskDefinitionJsonException placeholderEnum) {
          continue; // covered by CorpusRoundTripTest
        }
        List<Violation> violations = Validator.validate(task);
        byFile.put(name, violations);
        System.out.println(name + ": " + (violations.isEmpty() ? "clean"
            : violations.stream().map(Violation::code).distinct().sorted().collect(Collectors.joining(", "))));
      }
    }
    assertThat(byFile).hasSizeGreaterThanOrEqualTo(54);
    // SOURCES.md: "hostPort != containerPort" in awsvpc mode.
    assertThat(byFile.get("aws-samples__aws-containers-task-definitions__kibana-ec2-awsvpc.json"))
        .anySatisfy(v -> {
          assertThat(v.code()).isEqualTo("BerthPortMapping");
          assertThat(v.path()).isEqualTo("taskDefinition[kibana].container[kibana].portMappings[0].hostPort");
        });
    // Exactly the files that break ECS's rules have errors; every other real-world file passes every rule.
    assertThat(byFile.entrySet().stream().filter(e -> !Validator.errors(e.getValue()).isEmpty())
        .map(Map.Entry::getKey).toList()).containsExactlyInAnyOrder(
            "DataDog__documentation__datadog-agent-managed-instances-daemon.json", // family <TASK_NAME>
            "aws-observability__aws-otel-collector__otel-fargate-sidecar.json", // health check without CMD
            "aws-samples__aws-containers-task-definitions__kibana-ec2-awsvpc.json", // hostPort 80 for 5601 in awsvpc
            "kayac__ecspresso__td-plain-describe.json", // proxy container envoy missing, image {{ env ... }}
            // template placeholders where ECS wants an image reference
            "aws-samples__amazon-cloudwatch-container-insights__cwagent-combination-ec2-bridge.json", // {{demo-app-image}}
            "awslabs__ecs-nginx-reverse-proxy__reverse-proxy-links.json", // <your app image URL here>
            "newrelic__nri-ecs__fargate-sidecar-runtimeplatform.json", // <INTEGRATION_IMAGE>
            "newrelic__nri-ecs__infra-daemon-ec2-external.json"); // <INTEGRATION_IMAGE>
    // A clean, ordinary file stays clean of errors.
    assertThat(Validator.errors(byFile.get("aws-samples__aws-containers-task-definitions__nginx-fargate.json"))).isEmpty();
  }
}
