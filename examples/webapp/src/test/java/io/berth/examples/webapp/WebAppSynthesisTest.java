package io.berth.examples.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.examples.testkit.ApiShape;
import io.berth.examples.testkit.GoldenFiles;
import io.berth.examples.testkit.Synthesized;
import io.berth.model.ContainerDefinition;
import io.berth.model.DesiredState;
import io.berth.model.NetworkMode;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import org.junit.jupiter.api.Test;

/** What {@code mvn compile} synthesized for the webapp stack (the quickstart's input). */
class WebAppSynthesisTest {
  private final DesiredState state = Synthesized.desiredState("webapp");

  @Test
  void taskDefinitionsAreValidRegisterTaskDefinitionRequests() {
    ApiShape.assertTaskDefinitionsAreRegisterRequests("webapp");
  }

  @Test
  void synthesizedJsonEqualsTheGoldenFiles() {
    GoldenFiles.assertMatchGolden("webapp");
    assertThat(GoldenFiles.synthesizedFiles("webapp"))
        .containsExactly("desired.json", "task-definitions/webapp.json");
  }

  @Test
  void threeTasksOnABridgeNetworkWithDynamicHostPorts() {
    Service service = state.services().get(0);
    assertThat(service.desiredCount()).contains(3);
    TaskDefinition web = state.taskDefinitions().get(0);
    assertThat(web.effectiveNetworkMode()).isEqualTo(NetworkMode.BRIDGE);
    ContainerDefinition httpd = web.container("httpd").orElseThrow();
    assertThat(httpd.image()).contains(WebApp.IMAGE);
    assertThat(httpd.portMappings()).singleElement().satisfies(port -> {
      assertThat(port.containerPort()).contains(8080);
      assertThat(port.hostPort()).isEmpty(); // chosen at run time
    });
    assertThat(httpd.healthCheck()).isPresent();
  }

  @Test
  void aNonEssentialSidecarStartsAfterTheWebServer() {
    ContainerDefinition heartbeat = state.taskDefinitions().get(0).container("heartbeat").orElseThrow();
    assertThat(heartbeat.isEssential()).isFalse();
    assertThat(heartbeat.dependsOn()).singleElement()
        .satisfies(d -> assertThat(d.containerName()).isEqualTo("httpd"));
  }

  @Test
  void rollingDeploymentWithCircuitBreakerLoadBalancerAndTargetTracking() {
    Service service = state.services().get(0);
    assertThat(service.deploymentConfiguration().deploymentCircuitBreaker())
        .hasValueSatisfying(breaker -> assertThat(breaker.rollback()).isTrue());
    assertThat(service.loadBalancers()).singleElement().satisfies(lb -> {
      assertThat(lb.containerName()).isEqualTo("httpd");
      assertThat(lb.effectiveHealthCheck().path()).contains("/health");
      assertThat(lb.effectiveDeregistrationDelay()).isEqualTo(30);
    });
    assertThat(state.scaling()).singleElement()
        .satisfies(scaling -> assertThat(scaling.targetTracking()).isNotEmpty());
  }

  @Test
  void itRunsOnThePlatformsClusterAndRoleByReference() {
    assertThat(state.clusters()).isEmpty();
    assertThat(state.roles()).isEmpty();
    assertThat(state.references()).extracting(r -> r.kind() + " " + r.name())
        .containsExactlyInAnyOrder("CLUSTER local", "ROLE app-task");
    assertThat(state.services()).singleElement().satisfies(s -> assertThat(s.cluster()).isEqualTo("local"));
  }
}
