package io.berth.validation;

import io.berth.model.DesiredState;
import io.berth.model.SourceMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a model against every rule of Berth's ECS semantics and returns all violations at once.
 * (Skeleton: the rules arrive with the DSL issue.)
 */
public final class Validator {
  private Validator() {}

  /** Every violation of {@code state}, located with {@code sources}, in a stable order. */
  public static List<Violation> validate(DesiredState state, SourceMap sources) {
    return new ArrayList<>();
  }
}
