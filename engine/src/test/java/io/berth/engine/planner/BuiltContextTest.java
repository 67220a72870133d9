package io.berth.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.json.ContextFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack built with other context values than the ones given now is refused before planning,
 * naming each value and how to build again; a value the compiler was given may still win, so it
 * passes.
 */
class BuiltContextTest {
  @TempDir Path tmp;

  Path built(Map<String, ContextFile.Entry> values) throws Exception {
    Path stack = Files.createDirectories(tmp.resolve("classes/META-INF/berth/shop"));
    Files.writeString(stack.resolve("desired.json"), "{}");
    Files.writeString(stack.resolve(ContextFile.NAME), ContextFile.write(values));
    return tmp.resolve("classes");
  }

  static void check(Path classes, Map<String, String> properties, Map<String, String> environment) {
    BuiltContext.check(classes, Optional.empty(), properties, environment);
  }

  @Test
  void aDefaultOrAnEnvironmentValueThatDiffersFromTheOneGivenNowIsRefused() throws Exception {
    Path classes = built(Map.of("env", new ContextFile.Entry("dev", "default"),
        "imageTag", new ContextFile.Entry("4f2c1e0", "environment")));

    assertThatThrownBy(() -> check(classes, Map.of(), Map.of("BERTH_CONTEXT_ENV", "prod")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(classes.resolve("META-INF/berth/shop") + " was built with env=dev (the stack's default), but"
            + " env=prod is given now (BERTH_CONTEXT_ENV). Maven compiles a stack again only when its sources change:"
            + " build afresh (mvn clean compile) or run the stacks again with the values given now (mvn berth:synth,"
            + " berth synth --context env=prod)");
    assertThatThrownBy(() -> check(classes, Map.of("berth.context.imageTag", "5b3d2f1"),
        Map.of("BERTH_CONTEXT_IMAGE_TAG", "4f2c1e0")))
        .hasMessageContaining("imageTag=4f2c1e0 (BERTH_CONTEXT_IMAGE_TAG), but imageTag=5b3d2f1 is given now"
            + " (-Dberth.context.imageTag or -Aberth.context.imageTag)");
    assertThatCode(() -> check(classes, Map.of(), Map.of("BERTH_CONTEXT_IMAGE_TAG", "4f2c1e0", "HOME", "/root")))
        .as("the same values, and a default nobody overrides").doesNotThrowAnyException();
  }

  @Test
  void aGivenValueIsRefusedOnlyWhenAnotherIsGivenNow() throws Exception {
    Path classes = built(Map.of("env", new ContextFile.Entry("prod", "given")));

    // -Aberth.context.env=prod in the POM still wins over the environment: building again changes nothing
    assertThatCode(() -> check(classes, Map.of(), Map.of("BERTH_CONTEXT_ENV", "dev"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> check(classes, Map.of("berth.context.env", "dev"), Map.of()))
        .hasMessageContaining("env=prod (-Dberth.context.env or -Aberth.context.env), but env=dev is given now");
  }

  @Test
  void aStackThatReadNoValueOrNoStackAtAllPasses() throws Exception {
    Path stack = Files.createDirectories(tmp.resolve("plain/META-INF/berth/shop"));
    Files.writeString(stack.resolve("desired.json"), "{}");

    assertThatCode(() -> check(tmp.resolve("plain"), Map.of(), Map.of("BERTH_CONTEXT_ENV", "prod")))
        .doesNotThrowAnyException();
    assertThatCode(() -> check(tmp.resolve("nowhere"), Map.of(), Map.of())).doesNotThrowAnyException();
  }

  @Test
  void aDamagedContextFileSaysToRebuild() throws Exception {
    Path classes = built(Map.of());
    Files.writeString(classes.resolve("META-INF/berth/shop/" + ContextFile.NAME), "{\"env\": ");

    assertThatThrownBy(() -> check(classes, Map.of(), Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a valid context file").hasMessageContaining("rebuild it with mvn compile");
    assertThat(ContextFile.read("x", ContextFile.write(Map.of("env", new ContextFile.Entry("dev", "default")))))
        .containsEntry("env", new ContextFile.Entry("dev", "default"));
  }
}
