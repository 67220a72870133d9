package io.berth.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.json.OutputFiles;
import io.berth.model.DesiredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --desired} accepts every directory a user is likely to point at. */
class DesiredInputTest {
  static final Path FIXTURE = Path.of("src/test/resources/desired/v1/META-INF/berth/shop/desired.json");

  @TempDir Path tmp;

  Path stack(Path root, String name) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    Files.copy(FIXTURE, dir.resolve("desired.json"));
    return dir;
  }

  @Test
  void aClassesDirectoryAStackDirectoryAndAMavenProjectAllWork() throws IOException {
    Path project = tmp.resolve("project");
    Path stackDir = stack(project.resolve("target/classes/META-INF/berth"), "shop");

    for (Path dir : new Path[] {project, project.resolve("target/classes"), stackDir}) {
      DesiredState desired = DesiredInput.read(dir, Optional.empty());
      assertThat(desired.stack()).as(dir.toString()).isEqualTo("shop");
      assertThat(desired.services()).hasSize(1);
    }
  }

  @Test
  void severalStacksNeedAChoice() throws IOException {
    Path classes = tmp.resolve("classes");
    stack(classes.resolve("META-INF/berth"), "shop");
    stack(classes.resolve("META-INF/berth"), "billing");

    assertThatThrownBy(() -> DesiredInput.read(classes, Optional.empty()))
        .hasMessageContaining("several stacks (billing, shop)").hasMessageContaining("--stack NAME");
    assertThat(DesiredInput.read(classes, Optional.of("shop")).stack()).isEqualTo("shop");
  }

  @Test
  void taskDefinitionsWrittenAsSeparateFilesAreRead() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("only-files"));
    Files.writeString(dir.resolve("desired.json"), "{\"apiVersion\": \"berth/v1\", \"stack\": \"s\"}");
    Files.createDirectories(dir.resolve("task-definitions"));
    Files.writeString(dir.resolve("task-definitions/web.json"),
        "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"a\", \"image\": \"x:1\", \"memory\": 64}]}");

    assertThat(DesiredInput.read(dir, Optional.empty()).taskDefinitions()).extracting(t -> t.family())
        .containsExactly("web");
  }

  @Test
  void aHandEditedDesiredStateGetsTheCompilersErrorsWithIdsAndModelPaths() throws IOException {
    Path dir = stack(tmp, "edited");
    String edited = Files.readString(dir.resolve("desired.json"))
        .replace("\"serviceName\" : \"web\"", "\"serviceName\" : \"../../etc\"")
        .replace("\"value\" : \"hello\"", "\"value\" : \"" + "x".repeat(40_000) + "\"");
    Files.writeString(dir.resolve("desired.json"), edited);

    assertThatThrownBy(() -> DesiredInput.read(dir, Optional.empty())).isInstanceOf(DesiredInputException.class)
        .hasMessageStartingWith(dir.resolve("desired.json") + " breaks 2 rules")
        .hasMessageContaining("\n  [BerthNamePattern] service[../../etc]: service name '../../etc' must be")
        .hasMessageContaining("\n  [BerthEnvironment] taskDefinition[web].container[httpd].environment[GREETING]: ");
  }

  @Test
  void aNameEcsAcceptsButTheStateCannotStoreIsRefusedAtPlanNotApply() throws IOException {
    Path dir = stack(tmp, "dash");
    Files.writeString(dir.resolve("desired.json"), Files.readString(dir.resolve("desired.json"))
        .replace("\"serviceName\" : \"web\"", "\"serviceName\" : \"-web\""));

    assertThatThrownBy(() -> DesiredInput.read(dir, Optional.empty())).isInstanceOf(DesiredInputException.class)
        .hasMessageContaining("[BerthUnsupportedName] service[-web]: Berth's state stores each service in a file"
            + " named after it, and cannot store '-web'");
  }

  @Test
  void aShortenedTaskDefinitionFileIsFoundThroughTheIndex() throws IOException {
    String family = "f".repeat(255);
    Path dir = Files.createDirectories(tmp.resolve("long"));
    Files.writeString(dir.resolve("desired.json"), "{\"apiVersion\": \"berth/v1\", \"stack\": \"s\"}");
    String file = OutputFiles.taskDefinitionFile(family);
    Files.createDirectories(dir.resolve("task-definitions"));
    Files.writeString(dir.resolve(file), "{\"family\": \"" + family + "\", \"containerDefinitions\": [{\"name\": \"a\","
        + " \"image\": \"x:1\", \"memory\": 64}]}");
    Files.writeString(dir.resolve(OutputFiles.INDEX), OutputFiles.writeIndex(Map.of(family, file)));

    assertThat(dir.resolve(file).getFileName().toString().length()).isLessThanOrEqualTo(OutputFiles.MAX_NAME_BYTES);
    assertThat(DesiredInput.read(dir, Optional.empty()).taskDefinitions()).extracting(t -> t.family())
        .containsExactly(family);
  }

  @Test
  void anotherApiVersionIsRefusedNamingTheFile() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("future"));
    Files.writeString(dir.resolve("desired.json"), "{\"apiVersion\": \"berth/v9\", \"stack\": \"s\"}");

    assertThatThrownBy(() -> DesiredInput.read(dir, Optional.empty())).isInstanceOf(DesiredInputException.class)
        .hasMessageContaining(dir.resolve("desired.json").toString()).hasMessageContaining("berth/v9");
  }
}
