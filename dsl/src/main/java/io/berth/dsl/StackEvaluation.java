package io.berth.dsl;

import io.berth.model.DesiredState;
import io.berth.model.SourceMap;
import java.util.Objects;

/** The result of running a stack: the model it declared and where each part was declared. */
public record StackEvaluation(DesiredState state, SourceMap sources) {
  /** Both parts are required. */
  public StackEvaluation {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(sources, "sources == null");
  }
}
