package io.berth.dsl;

import io.berth.model.DesiredState;
import io.berth.model.SourceMap;
import io.berth.validation.Severity;
import io.berth.validation.Validator;
import io.berth.validation.Violation;
import java.util.List;
import java.util.Objects;

/** The result of running a stack: the model it declared and where each part was declared. */
public record StackEvaluation(DesiredState state, SourceMap sources) {
  /** Both parts are required. */
  public StackEvaluation {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(sources, "sources == null");
  }

  /** Every violation of the declared model, located at the DSL calls that made it. */
  public List<Violation> validate() {
    return Validator.validate(state, sources);
  }

  /** Whether the model has no violation of severity {@link Severity#ERROR} (warnings allowed). */
  public boolean isValid() {
    return validate().stream().noneMatch(v -> v.severity() == Severity.ERROR);
  }
}
