package io.berth.dsl;

import io.berth.model.DesiredState;
import io.berth.model.SourceMap;
import java.util.List;

/**
 * The root of the DSL: a stack declares everything through the {@code Infra} it is given.
 * (Skeleton: the builders arrive with the DSL issue.)
 */
public final class Infra {
  private final String stackName;

  private Infra(String stackName) {
    this.stackName = stackName;
  }

  /** Runs {@code definition} against a fresh {@code Infra} and returns the model it declared. */
  public static StackEvaluation evaluate(String stackName, StackDefinition definition) {
    Infra infra = new Infra(stackName);
    definition.define(infra);
    return infra.build();
  }

  private StackEvaluation build() {
    DesiredState state = new DesiredState(DesiredState.API_VERSION, stackName,
        List.of(), List.of(), List.of(), List.of(), List.of());
    return new StackEvaluation(state, SourceMap.EMPTY);
  }
}
