package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.json.TaskDefinitionJson;
import io.berth.model.TaskDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth import} through the launcher's command line: a real ECS task definition becomes DSL
 * source that javac and the Berth processor turn back into the same task definition.
 */
class ImportCliTest {
  static final Path NGINX = Path.of(System.getProperty("berth.shared.dir", "../../shared"), "ecs-corpus",
      "aws-samples__aws-containers-task-definitions__nginx-ec2-bridge.json");

  @TempDir Path tmp;

  @Test
  void anImportedCorpusFileCompilesAndSynthesizesTheTaskDefinitionItCameFrom() throws IOException {
    Path src = tmp.resolve("src/main/java");

    CliRun run = CliRun.of("import", NGINX.toString(), "--package", "com.acme.infra", "--out", src.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path generated = src.resolve("com/acme/infra/NginxStack.java");
    assertThat(run.out()).contains("Wrote " + generated + " (stack nginx)").contains("Next: ");
    assertThat(Files.readString(generated)).contains("package com.acme.infra;").contains("@Stack(\"nginx\")")
        .contains("nginx:latest");

    Path classes = tmp.resolve("target/classes");
    Javac.compile(src, classes, List.of());

    TaskDefinition input = TaskDefinitionJson.read("input", Files.readString(NGINX)).taskDefinition();
    TaskDefinition synthesized = TaskDefinitionJson.read("synthesized",
        Files.readString(classes.resolve("META-INF/berth/nginx/task-definitions/nginx.json"))).taskDefinition();
    assertThat(synthesized).isEqualTo(input);
    assertThat(classes.resolve("META-INF/berth/nginx/desired.json")).exists();
  }

  @Test
  void anExistingSourceFileIsKeptUnlessForceIsGiven() throws IOException {
    Path src = tmp.resolve("src");
    Path generated = src.resolve("com/acme/NginxStack.java");
    assertThat(CliRun.of("import", NGINX.toString(), "--package", "com.acme", "--out", src.toString())
        .exitCode()).isZero();
    Files.writeString(generated, "// edited by hand");

    CliRun refused = CliRun.of("import", NGINX.toString(), "--package", "com.acme", "--out", src.toString());

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains(generated + " already exists").contains("--force");
    assertThat(Files.readString(generated)).isEqualTo("// edited by hand");

    CliRun forced = CliRun.of("import", NGINX.toString(), "--package", "com.acme", "--out", src.toString(),
        "--force");

    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(Files.readString(generated)).contains("class NginxStack");
  }

  @Test
  void aFileTheCompileWouldRefuseIsRefusedBeforeAnythingIsWrittenNamingFileMemberAndFix() throws IOException {
    Path agent = Files.writeString(tmp.resolve("agent.json"), """
        {"family": "agent", "cpu": "$$$$CPUSHARE$$$$",
         "containerDefinitions": [{"name": "app", "image": "local/app:1", "memory": 128, "essential": "false"}]}
        """);
    Path src = tmp.resolve("src");

    CliRun run = CliRun.of("import", NGINX.toString(), agent.toString(), "--package", "com.acme", "--out",
        src.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("error: agent.json: $.containerDefinitions[0].essential: expected a boolean,"
        + " found the string \"false\"; write false without quotes").contains("nothing was written");
    assertThat(src).doesNotExist();

    Files.writeString(agent, Files.readString(agent).replace("\"false\"", "true"));
    CliRun again = CliRun.of("import", agent.toString(), "--package", "com.acme", "--out", src.toString());

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("error: agent.json: $.cpu: [BerthTaskSize] task cpu '$$$$CPUSHARE$$$$' is"
        + " not an accepted spelling").contains("nothing was written");
    assertThat(src).doesNotExist();
  }

  @Test
  void oneFileThatCannotBeImportedMeansNothingIsWritten() throws IOException {
    Path broken = Files.writeString(tmp.resolve("broken.json"), "{ \"family\": \"web\", ");
    Path src = tmp.resolve("src");

    CliRun run = CliRun.of("import", NGINX.toString(), broken.toString(), "--package", "com.acme",
        "--out", src.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("broken.json: $: not valid JSON").contains("nothing was written");
    assertThat(src).doesNotExist();
  }

  @Test
  void badInputExitsOneWithAMessageNamingTheThingAndTheFix() throws IOException {
    Path text = Files.writeString(tmp.resolve("notes.json"), "hello, world");
    Path array = Files.writeString(tmp.resolve("array.json"), "[1, 2]");
    String out = tmp.resolve("src").toString();
    List<List<String>> cases = List.of(
        List.of("import", tmp.resolve("missing.json").toString(), "--package", "a", "--out", out,
            "missing.json does not exist", "ECS task definition JSON file"),
        List.of("import", tmp.toString(), "--package", "a", "--out", out, "is a directory", "*.json"),
        List.of("import", text.toString(), "--package", "a", "--out", out, "notes.json: $: not valid JSON",
            "nothing was written"),
        List.of("import", array.toString(), "--package", "a", "--out", out, "array.json: $: expected a JSON object",
            "family"),
        List.of("import", NGINX.toString(), "--package", "com.1acme", "--out", out,
            "\"com.1acme\" is not a valid Java package name", "com.acme.infra"),
        List.of("import", NGINX.toString(), "--package", "com.acme", "--out", text.toString(),
            "is a file", "src/main/java"),
        List.of("import", NGINX.toString(), "--out", out, "Missing required option", "--package"));
    for (List<String> c : cases) {
      List<String> args = c.subList(0, c.size() - 2);
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(run.err()).as(String.join(" ", args)).contains(c.get(c.size() - 2)).contains(c.get(c.size() - 1));
    }
    try (Stream<Path> files = Files.walk(tmp)) {
      assertThat(files.filter(f -> f.toString().endsWith(".java")).toList()).isEmpty();
    }
  }

  @Test
  void helpNamesTheOptions() {
    CliRun run = CliRun.of("import", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--package=PKG").contains("--out=DIR").contains("--force").contains("FILE...");
  }
}
