package io.berth.dsl.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.dsl.Infra;
import io.berth.dsl.TaskDefinition;
import io.berth.model.SourceLocation;
import org.junit.jupiter.api.Test;

/** Misuse of the DSL fails at the offending call with a message that names the argument and the fix. */
class DslGuardsTest {

  @Test
  void aServiceNeedsTheClusterHandle() {
    assertThatThrownBy(() -> Infra.evaluate("s", infra -> infra.service("web", null, infra.taskDefinition("web"))))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cluster == null (pass the handle infra.cluster(...) returned)");
  }

  @Test
  void aServiceNeedsTheTaskDefinitionHandle() {
    assertThatThrownBy(() -> Infra.evaluate("s", infra -> infra.service("web", infra.cluster("c"), null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("taskDefinition == null (pass the handle infra.taskDefinition(...) returned)");
  }

  @Test
  void aLoadBalancerWithoutTargetSaysWhatToCall() {
    assertThatThrownBy(() -> Infra.evaluate("s", infra -> infra.service("web", infra.cluster("c"),
        infra.taskDefinition("web")).loadBalancer(lb -> lb.listenerPort(80))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("service[web].loadBalancer: no target container; call container(name, port) in the loadBalancer lambda");
  }

  @Test
  void nullValuesNameTheMember() {
    assertThatThrownBy(() -> Infra.evaluate("s", infra -> infra.taskDefinition("web").container("a", c -> c.image(null))))
        .hasMessage("image == null");
    assertThatThrownBy(() -> Infra.evaluate("s", infra -> infra.taskDefinition("web").container("a", c -> c.env("A", null))))
        .hasMessage("environment value == null");
  }

  @Test
  void callsMadeInAUserHelperAreLocatedInTheHelper() {
    var sources = Infra.evaluate("s", infra -> Helpers.standardWeb(infra, "web")).sources();
    assertThat(sources.locate("taskDefinition[web].container[app].memory"))
        .contains(new SourceLocation("io/berth/dsl/spec/DslGuardsTest.java", Helpers.MEMORY_LINE));
  }

  /** A user's own reusable building block, as teams write them. */
  static final class Helpers {
    static final int MEMORY_LINE = 57;

    static TaskDefinition standardWeb(Infra infra, String family) {
      return infra.taskDefinition(family).container("app", c -> c.image("local/web:1")
          .memory(256)); // line 57: MEMORY_LINE
    }
  }
}
