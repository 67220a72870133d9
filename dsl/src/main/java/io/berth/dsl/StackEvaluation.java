package io.berth.dsl;

import io.berth.model.DesiredState;
import io.berth.model.SourceMap;
import io.berth.validation.Severity;
import io.berth.validation.Validator;
import io.berth.validation.Violation;
import java.util.List;
import java.util.Objects;

/**
 * The result of running a stack: the model it declared, where each part was declared, the
 * context values it asked for that the build did not give (or gave wrong), and those it read.
 */
public record StackEvaluation(DesiredState state, SourceMap sources, List<Violation> contextProblems,
    List<ContextValue> contextValues) {
  /** State and sources are required; the lists are copied. */
  public StackEvaluation {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(sources, "sources == null");
    contextProblems = contextProblems == null ? List.of() : List.copyOf(contextProblems);
    contextValues = contextValues == null ? List.of() : List.copyOf(contextValues);
  }

  /** A stack that read no context value. */
  public StackEvaluation(DesiredState state, SourceMap sources) {
    this(state, sources, List.of(), List.of());
  }

  /**
   * Every violation of the declared model, located at the DSL calls that made it; while a context
   * value is missing, only those: the model was built with stand-ins for them, and its other
   * violations would be about the stand-ins.
   */
  public List<Violation> validate() {
    return contextProblems.isEmpty() ? Validator.validate(state, sources) : contextProblems;
  }

  /** Whether the model has no violation of severity {@link Severity#ERROR} (warnings allowed). */
  public boolean isValid() {
    return validate().stream().noneMatch(v -> v.severity() == Severity.ERROR);
  }
}
