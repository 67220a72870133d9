package io.berth.processor.importer;

import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.berth.json.TaskDefinitionJson;
import io.berth.json.TaskDefinitionJsonException;
import io.berth.model.TaskDefinition;
import io.berth.processor.BerthProcessor;
import io.berth.processor.CompiledClasses;
import io.berth.processor.Synth;
import io.berth.processor.Synthesis;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The import round trip over the ECS corpus: for every file the importer can translate, translate
 * it to DSL source, compile that source with the Berth processor, and check that the synthesized
 * task definition equals the input member for member (role ARNs as written). Separately, berth
 * import's own checks refuse exactly the files ECS would refuse, naming the file and the member.
 * Prints one line per file and a total; a failure names the member that differs.
 */
class ImportRoundTripTest {
  private static final Path CORPUS = Path.of(System.getProperty("berth.shared.dir", "../../shared"), "ecs-corpus");

  private enum Outcome { SAME, INVALID_INPUT, NOT_IMPORTABLE, FAILED }

  private record Line(Outcome outcome, String file, String detail) {
    @Override
    public String toString() {
      return String.format("%-15s %s%s", outcome, file, detail.isEmpty() ? "" : "  (" + detail + ")");
    }
  }

  @Test
  void everyImportableCorpusFileSurvivesImportCompileAndSynthesis() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(CORPUS)) {
      files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("corpus files under %s", CORPUS.toAbsolutePath()).hasSizeGreaterThan(50);
    List<Line> lines = new ArrayList<>();
    for (Path file : files) {
      Line line = roundTrip(file);
      System.out.println(line);
      lines.add(line);
    }
    long same = lines.stream().filter(l -> l.outcome() == Outcome.SAME).count();
    long invalid = lines.stream().filter(l -> l.outcome() == Outcome.INVALID_INPUT).count();
    List<Line> skipped = lines.stream().filter(l -> l.outcome() == Outcome.NOT_IMPORTABLE).toList();
    List<Line> failed = lines.stream().filter(l -> l.outcome() == Outcome.FAILED).toList();
    System.out.printf("import round trip: %d files, %d semantically equal, %d not importable (invalid ECS input),"
        + " %d not importable (unsupported), %d failed%n", files.size(), same, invalid, skipped.size(), failed.size());
    assertThat(failed).as("files whose round trip changed the task definition").isEmpty();
    assertThat(skipped).as("valid ECS files the importer cannot translate").isEmpty();
    // the corpus holds 5 invalid files: 3 enum placeholders, a health check without CMD, a <TASK_NAME> family
    assertThat(invalid).as("invalid ECS files, refused").isEqualTo(5);
    assertThat(same).as("files that round-trip").isEqualTo(files.size() - invalid);
  }

  /**
   * The corpus files ECS would refuse, and the member berth import names first: most are templates
   * whose placeholders ({{...}}, $$$...$$$, <...>, XXXXXXXXXXXX accounts) were never filled in.
   */
  private static final Map<String, String> REFUSED_BY_IMPORT = Map.ofEntries(
      Map.entry("DataDog__documentation__datadog-agent-managed-instances-daemon.json", "$.family"), // <TASK_NAME>
      Map.entry("aws-observability__aws-otel-collector__otel-fargate-sidecar.json", "$.taskRoleArn"), // {{...}}
      Map.entry("aws-observability__aws-otel-collector__otel-prometheus-ec2.json", "$.networkMode"), // default
      Map.entry("aws-samples__amazon-cloudwatch-container-insights__cwagent-combination-ec2-bridge.json",
          "$.taskRoleArn"), // {{task-role-arn}}
      Map.entry("aws-samples__amazon-cloudwatch-container-insights__cwagent-daemon-ec2.json", "$.taskRoleArn"),
      Map.entry("aws-samples__amazon-cloudwatch-container-insights__cwagent-prometheus-templated.json",
          "$.networkMode"), // {{networkmode}}
      Map.entry("aws-samples__amazon-cloudwatch-container-insights__cwagent-statsd-fargate.json", "$.taskRoleArn"),
      Map.entry("aws-samples__amazon-ecs-firelens-examples__firelens-datadog-secretoptions.json",
          "$.taskRoleArn"), // account XXXXXXXXXXXX
      Map.entry("aws-samples__amazon-ecs-firelens-examples__firelens-efs-describe-wrapped.json",
          "$.taskRoleArn"), // an 11-digit account
      Map.entry("aws-samples__amazon-ecs-firelens-examples__firelens-emf-tcp-links.json", "$.taskRoleArn"),
      Map.entry("aws-samples__amazon-ecs-firelens-examples__firelens-healthcheck-tcp.json", "$.taskRoleArn"),
      Map.entry("aws-samples__amazon-ecs-firelens-examples__firelens-log-collection-tail.json", "$.taskRoleArn"),
      Map.entry("aws-samples__amazon-ecs-firelens-examples__firelens-newrelic-fargate.json",
          "$.taskRoleArn"), // account aws_account_id
      Map.entry("aws-samples__aws-containers-task-definitions__kibana-ec2-awsvpc.json",
          "$.containerDefinitions[0].portMappings[0].hostPort"), // 80 for 5601 in awsvpc
      Map.entry("aws__amazon-ecs-agent__ftest-awslogs-secret-support-multiline.json", "$.executionRoleArn"),
      Map.entry("aws__amazon-ecs-agent__ftest-firelens-fluentbit.json", "$.taskRoleArn"), // $$$TASK_ROLE$$$
      Map.entry("aws__amazon-ecs-agent__ftest-gmsa-ssm.json", "$.executionRoleArn"),
      Map.entry("aws__amazon-ecs-agent__ftest-private-registry-auth-asm-validator-unix.json", "$.executionRoleArn"),
      Map.entry("aws__amazon-ecs-agent__ftest-v3-task-endpoint-validator.json", "$.networkMode"),
      Map.entry("awslabs__ecs-nginx-reverse-proxy__reverse-proxy-links.json",
          "$.containerDefinitions[0].memory"), // "256", a string where ECS wants a number
      Map.entry("kayac__ecspresso__daemon-host-ec2.json", "$.taskRoleArn"), // {{must_env ...}} account
      Map.entry("kayac__ecspresso__td-plain-describe.json", "$.containerDefinitions[0].image"), // {{ env ... }}
      Map.entry("newrelic__nri-ecs__fargate-sidecar-runtimeplatform.json", "$.executionRoleArn"), // <YOUR_...>
      Map.entry("newrelic__nri-ecs__infra-daemon-ec2-external.json", "$.executionRoleArn"));

  @Test
  void importRefusesExactlyTheFilesEcsWouldRefuseNamingFileMemberAndFix() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(CORPUS)) {
      files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    Map<String, String> refused = new TreeMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      try {
        TaskDefinitionImporter.importJson(name, Files.readString(file, StandardCharsets.UTF_8), "com.acme.imported");
      } catch (ImportException e) {
        System.out.println("REFUSED " + e.getMessage().lines().findFirst().orElse(""));
        assertThat(e.invalidInput()).as(e.getMessage()).isTrue();
        assertThat(e.getMessage()).startsWith(name + ": " + e.path() + ": ");
        refused.put(name, e.path());
      }
    }
    System.out.printf("berth import: %d files, %d imported, %d refused as invalid ECS input%n", files.size(),
        files.size() - refused.size(), refused.size());
    assertThat(refused).isEqualTo(new TreeMap<>(REFUSED_BY_IMPORT));
  }

  private static Line roundTrip(Path file) throws IOException {
    String name = file.getFileName().toString();
    String json = Files.readString(file, StandardCharsets.UTF_8);
    TaskDefinition input;
    try {
      input = TaskDefinitionJson.read(name, json).taskDefinition();
    } catch (TaskDefinitionJsonException e) {
      return new Line(Outcome.INVALID_INPUT, name, "invalid: " + e.getMessage());
    }
    ImportedSource imported;
    try {
      imported = TaskDefinitionImporter.translate(name, json, "com.acme.imported");
    } catch (ImportException e) {
      return new Line(e.invalidInput() ? Outcome.INVALID_INPUT : Outcome.NOT_IMPORTABLE, name, e.path() + ": "
          + e.getMessage()
          .substring(e.getMessage().indexOf(e.path()) + e.path().length() + 2).replaceFirst(";.*", ""));
    }
    JavaFileObject source = JavaFileObjects.forSourceString(imported.qualifiedName(), imported.source());
    Compilation compilation = javac().withProcessors(new BerthProcessor()).compile(source);
    Optional<TaskDefinition> synthesized;
    String note = "";
    if (compilation.status() == Compilation.Status.SUCCESS) {
      synthesized = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
              "META-INF/berth/" + imported.stackName() + "/task-definitions/" + input.family() + ".json")
          .map(ImportRoundTripTest::read).map(text -> TaskDefinitionJson.read(name, text).taskDefinition());
    } else {
      List<String> errors = compilation.errors().stream().map(d -> d.getMessage(null)).toList();
      if (!errors.stream().allMatch(e -> e.startsWith("[Berth"))) {
        return new Line(Outcome.FAILED, name, "generated source does not compile: " + errors.get(0)
            + "\n" + imported.source());
      }
      // Valid Java, but Berth's rules reject the definition: check the model `berth synth` builds.
      note = "Berth rejects it: " + errors.stream().map(e -> e.substring(1, e.indexOf(']')))
          .distinct().toList();
      Compilation unchecked = javac().withProcessors(new BerthProcessor())
          .withOptions("-Aberth.evaluate=false").compile(source);
      if (unchecked.status() != Compilation.Status.SUCCESS) {
        return new Line(Outcome.FAILED, name, "static checks failed: " + unchecked.errors());
      }
      synthesized = Optional.of(synthesizeFrom(unchecked, imported));
    }
    if (synthesized.isEmpty()) {
      return new Line(Outcome.FAILED, name, "no task definition was synthesized");
    }
    List<String> differences = SemanticJson.differences(input, synthesized.get());
    if (!differences.isEmpty()) {
      return new Line(Outcome.FAILED, name, String.join("; ", differences));
    }
    long warnings = compilation.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.WARNING).count();
    String detail = note.isEmpty() && warnings > 0 ? warnings + " Berth warnings" : note;
    return new Line(Outcome.SAME, name, detail);
  }

  private static TaskDefinition synthesizeFrom(Compilation compilation, ImportedSource imported) {
    ClassLoader loader = new CompiledClasses(compilation);
    List<Synthesis> results = Synth.synthesizeAll(loader);
    return results.get(0).state().taskDefinitions().get(0);
  }

  private static String read(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
