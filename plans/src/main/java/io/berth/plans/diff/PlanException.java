package io.berth.plans.diff;

import java.util.List;

/**
 * The desired state cannot be planned: every problem found is listed (not just the first), each
 * naming the resource and the fix.
 */
public final class PlanException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  /** A plan refused for {@code problems}. */
  public PlanException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, one sentence with its fix. */
  public List<String> problems() {
    return problems;
  }
}
