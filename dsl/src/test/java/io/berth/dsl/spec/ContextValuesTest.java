package io.berth.dsl.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.berth.dsl.ContextValue;
import io.berth.dsl.Infra;
import io.berth.dsl.StackContext;
import io.berth.dsl.StackEvaluation;
import io.berth.model.TaskDefinition;
import io.berth.validation.Violation;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code infra.context(...)}: values the build gives a stack, with the error on the DSL line when one is missing. */
class ContextValuesTest {
  /** A stack whose environment, image tag and replica count come from the build. */
  static StackEvaluation shop(StackContext context) {
    return Infra.evaluate("shop", infra -> {
      String env = infra.context("env", "dev");
      var cluster = infra.cluster(env).capacity("std", 2, g -> g.memory(4096));
      var web = infra.taskDefinition("web")
          .container("httpd", c -> c.image("shop/web:" + infra.context("imageTag")).memory(128)); // line 24
      infra.service("web", cluster, web).desiredCount(infra.context("replicas", 2))
          .deployment(d -> d.circuitBreaker(true));
    }, context);
  }

  static String image(StackEvaluation evaluation) {
    TaskDefinition web = evaluation.state().taskDefinitions().get(0);
    return web.containerDefinitions().get(0).image().orElseThrow();
  }

  @Test
  void optionsWinOverPropertiesWhichWinOverTheEnvironmentWhichWinsOverDefaults() {
    Properties maven = new Properties();
    maven.setProperty("berth.context.imageTag", "from-maven");
    maven.setProperty("berth.context.env", "staging");
    maven.setProperty("user.home", "/home/x");
    StackEvaluation options = shop(StackContext.of(Map.of("BERTH_CONTEXT_IMAGE_TAG", "from-env"),
        Map.of("berth.context.imageTag", "4f2c1e0", "berth.context.env", "prod", "berth.context.replicas", "5",
            "berth.evaluate", "true"), StackContext.properties(maven)));
    StackEvaluation properties = shop(StackContext.of(Map.of("BERTH_CONTEXT_IMAGE_TAG", "from-env"), Map.of(),
        StackContext.properties(maven)));
    StackEvaluation environment = shop(StackContext.of(Map.of("BERTH_CONTEXT_IMAGE_TAG", "9a9a9a9",
        "BERTH_CONTEXT_REPLICAS", "3")));

    assertThat(options.validate()).isEmpty();
    assertThat(image(options)).isEqualTo("shop/web:4f2c1e0");
    assertThat(options.state().clusters().get(0).name()).isEqualTo("prod");
    assertThat(options.state().services().get(0).desiredCount()).contains(5);
    assertThat(image(properties)).isEqualTo("shop/web:from-maven");
    assertThat(properties.state().clusters().get(0).name()).isEqualTo("staging");
    assertThat(properties.state().services().get(0).desiredCount()).as("the default").contains(2);
    assertThat(image(environment)).isEqualTo("shop/web:9a9a9a9");
    assertThat(environment.state().clusters().get(0).name()).as("the default").isEqualTo("dev");
    assertThat(environment.state().services().get(0).desiredCount()).contains(3);
    assertThat(properties.contextValues()).containsExactly(
        new ContextValue("env", "staging", ContextValue.Origin.GIVEN),
        new ContextValue("imageTag", "from-maven", ContextValue.Origin.GIVEN),
        new ContextValue("replicas", "2", ContextValue.Origin.DEFAULT));
    assertThat(environment.contextValues()).extracting(ContextValue::origin).containsExactly(
        ContextValue.Origin.DEFAULT, ContextValue.Origin.ENVIRONMENT, ContextValue.Origin.ENVIRONMENT);
  }

  @Test
  void aMissingRequiredValueIsAnErrorOnItsLineNamingEveryWayToGiveIt() {
    // an undefined Maven property reaches the compiler as written: it gives nothing, not even over the environment
    StackEvaluation missing = shop(StackContext.of(Map.of(), Map.of("berth.context.imageTag",
        "${berth.context.imageTag}")));
    StackEvaluation fromEnvironment = shop(StackContext.of(Map.of("BERTH_CONTEXT_IMAGE_TAG", "1"),
        Map.of("berth.context.imageTag", "${berth.context.imageTag}")));

    assertThat(missing.validate()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo("BerthContextMissing");
      assertThat(v.path()).isEqualTo("context[imageTag]");
      assertThat(v.message()).isEqualTo("context value imageTag is not given; pass -Dberth.context.imageTag=VALUE"
          + " to Maven, -Aberth.context.imageTag=VALUE to javac or --context imageTag=VALUE to berth synth, or set"
          + " BERTH_CONTEXT_IMAGE_TAG in the environment; or give a default: infra.context(\"imageTag\", ...)");
      assertThat(v.location()).hasValueSatisfying(l -> {
        assertThat(l.file()).isEqualTo("io/berth/dsl/spec/ContextValuesTest.java");
        assertThat(l.line()).isEqualTo(24);
      });
    });
    assertThat(image(fromEnvironment)).isEqualTo("shop/web:1");
  }

  @Test
  void everyMissingValueIsReportedOnceAndHidesTheModelsOtherViolations() {
    StackEvaluation evaluation = Infra.evaluate("shop", infra -> {
      var cluster = infra.cluster(infra.context("env"));
      var web = infra.taskDefinition("web").container("httpd", c -> c.image("shop/web:" + infra.context("env"))
          .memory(infra.contextInt("memory")));
      infra.service("web", cluster, web).desiredCount(infra.contextInt("replicas"));
    }, StackContext.of(Map.of("BERTH_CONTEXT_REPLICAS", "2")));

    // the cluster named "" and the memory of 0 are stand-ins: only the missing values are reported
    assertThat(evaluation.validate()).extracting(Violation::code, Violation::path).containsExactly(
        tuple("BerthContextMissing", "context[env]"), tuple("BerthContextMissing", "context[memory]"));
    assertThat(evaluation.state().services().get(0).desiredCount()).contains(2);
  }

  @Test
  void aValueThatIsNoNumberAndANameThatIsNoneAreErrorsToo() {
    StackEvaluation badNumber = shop(StackContext.of(Map.of(), Map.of("berth.context.imageTag", "1",
        "berth.context.replicas", "three")));
    StackEvaluation badName = Infra.evaluate("shop", infra -> infra.context("image-tag", "x"), StackContext.NONE);

    assertThat(badNumber.validate()).extracting(Violation::code, Violation::message).containsExactly(
        tuple("BerthContextValue", "context value replicas is 'three', not a whole number; give it as digits, e.g. 3"));
    assertThat(badName.validate()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo("BerthContextValue");
      assertThat(v.message()).startsWith("context name 'image-tag' is not a name of letters and digits");
    });
    assertThat(StackContext.variable("imageTag")).isEqualTo("BERTH_CONTEXT_IMAGE_TAG");
    assertThat(StackContext.variable("env")).isEqualTo("BERTH_CONTEXT_ENV");
  }
}
