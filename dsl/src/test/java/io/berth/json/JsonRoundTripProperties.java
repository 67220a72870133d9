package io.berth.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.dsl.Infra;
import io.berth.model.DesiredState;
import io.berth.model.SourceMap;
import io.berth.model.TaskDefinition;
import io.berth.validation.Validator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Issue 2, "Done when" 5: random models round-trip through JSON unchanged, and the bytes are deterministic. */
class JsonRoundTripProperties {

  @Property(tries = 300)
  void taskDefinitionsRoundTripThroughRegisterTaskDefinitionJson(@ForAll("taskDefinitions") TaskDefinition task) {
    String json = TaskDefinitionJson.write(task);
    ImportedTaskDefinition back = TaskDefinitionJson.read("random.json", json);
    assertThat(back.warnings()).isEmpty();
    assertThat(back.taskDefinition()).isEqualTo(task);
    assertThat(TaskDefinitionJson.write(back.taskDefinition())).isEqualTo(json);
  }

  @Property(tries = 200)
  void desiredStatesRoundTripThroughTheBerthV1Document(@ForAll("desiredStates") DesiredState state) {
    String json = DesiredStateJson.write(state);
    assertThat(DesiredStateJson.read("random.json", json)).isEqualTo(state);
    assertThat(json).endsWith("}\n").doesNotContain(" : ").doesNotContain("\t");
  }

  @Property(tries = 200)
  void randomValidDslStacksValidateCleanlyAndRoundTrip(@ForAll("validStacks") DesiredState state) {
    assertThat(Validator.errors(Validator.validate(state, SourceMap.EMPTY))).isEmpty();
    assertThat(DesiredStateJson.read("stack.json", DesiredStateJson.write(state))).isEqualTo(state);
    for (TaskDefinition task : state.taskDefinitions()) {
      assertThat(TaskDefinitionJson.read("td.json", TaskDefinitionJson.write(task)).taskDefinition()).isEqualTo(task);
    }
  }

  @Provide
  Arbitrary<TaskDefinition> taskDefinitions() {
    return ModelArbitraries.taskDefinitions();
  }

  @Provide
  Arbitrary<DesiredState> desiredStates() {
    return ModelArbitraries.desiredStates();
  }

  /** Stacks built through the DSL with random but valid sizes, ports and counts. */
  @Provide
  Arbitrary<DesiredState> validStacks() {
    Arbitrary<List<String>> containerNames = ModelArbitraries.names().list().ofMinSize(1).ofMaxSize(4).uniqueElements();
    return Combinators.combine(ModelArbitraries.names(), containerNames, Arbitraries.integers().between(6, 1024),
            Arbitraries.integers().between(1, 49151), Arbitraries.integers().between(0, 20),
            Arbitraries.integers().between(0, 100), Arbitraries.integers().between(1, 10))
        .as((family, names, memory, port, count, minHealthy, maxCapacity) -> Infra.evaluate("random", infra -> {
          // hosts big enough for the largest task drawn: 4 containers of 1,024 MiB
          var cluster = infra.cluster("c").capacity("g", 2, g -> g.memory(4096));
          var task = infra.taskDefinition(family);
          for (int i = 0; i < names.size(); i++) {
            int containerPort = port + i;
            task.container(names.get(i), c -> c.image("local/app:1.0").memory(memory).portMapping(containerPort)
                .env("MODE", "x").healthCheck(h -> h.shell("true")));
          }
          infra.service("svc", cluster, task).desiredCount(count)
              .deployment(d -> d.minimumHealthyPercent(minHealthy).circuitBreaker(true))
              .autoScaling(a -> a.min(0).max(maxCapacity).targetCpu(50));
        }).state());
  }
}
