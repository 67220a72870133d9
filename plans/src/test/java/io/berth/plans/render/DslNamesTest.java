package io.berth.plans.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.plans.ResourceKind;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The DSL calls the plan names beside ECS paths exist in the DSL, and paths find them. */
class DslNamesTest {
  // the builders a stack calls; a renamed DSL method fails here instead of leaving the plan pointing nowhere
  private static final Set<String> DSL_METHODS = Stream.of(io.berth.dsl.Infra.class, io.berth.dsl.Cluster.class,
          io.berth.dsl.CapacitySpec.class, io.berth.dsl.Role.class, io.berth.dsl.TaskDefinition.class,
          io.berth.dsl.Container.class, io.berth.dsl.HealthCheckSpec.class, io.berth.dsl.LogSpec.class,
          io.berth.dsl.Service.class, io.berth.dsl.DeploymentSpec.class, io.berth.dsl.PlacementSpec.class,
          io.berth.dsl.LoadBalancerSpec.class, io.berth.dsl.AutoScalingSpec.class)
      .flatMap(type -> Arrays.stream(type.getMethods()))
      .filter(m -> Modifier.isPublic(m.getModifiers()))
      .map(Method::getName).collect(Collectors.toSet());
  private static final Pattern CALLED = Pattern.compile("(?:^|[.|])([a-z][A-Za-z]+)");

  @Test
  void everyCallNamedIsAMethodOfTheDsl() {
    int checked = 0;
    for (Map<String, String> table : DslNames.tables().values()) {
      for (String call : table.values()) {
        Matcher names = CALLED.matcher(call);
        while (names.find()) {
          assertThat(DSL_METHODS).as(call).contains(names.group(1));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(40);
  }

  @Test
  void pathsFindTheCallOfTheirMemberIndexesLeftOut() {
    assertThat(DslNames.of(ResourceKind.TASK_DEFINITION, "containerDefinitions[web].environment[PORT].value"))
        .contains("env");
    assertThat(DslNames.of(ResourceKind.TASK_DEFINITION, "containerDefinitions[web].mountPoints[0].sourceVolume"))
        .contains("mount");
    assertThat(DslNames.of(ResourceKind.SERVICE, "placementStrategy[0].field")).contains("placement");
    assertThat(DslNames.of(ResourceKind.SCALING, "minCapacity")).contains("autoScaling(a -> a.min)");
    assertThat(DslNames.of(ResourceKind.SERVICE, "deploymentConfiguration.deploymentCircuitBreaker.rollback"))
        .contains("deployment(d -> d.circuitBreaker)");
    assertThat(DslNames.of(ResourceKind.TASK_DEFINITION, "containerDefinitions[web].image")).isEqualTo(Optional.empty());
    assertThat(DslNames.of(ResourceKind.SERVICE, "desiredCount")).isEmpty();
  }
}
