package io.berth.cql;

/**
 * A Cluster Query Language expression that does not parse. The message quotes the expression, points
 * at the offending character and says what was expected there, e.g.
 * {@code expected an operator (==, !=, >, >=, <, <=, exists, !exists, in, not_in, =~, !~) at position 24 but found 'is'}.
 */
public final class CqlSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int position;
  private final String expression;
  private final String problem;

  CqlSyntaxException(String expression, int position, String problem) {
    super(problem + " at position " + position + " in memberOf expression '" + expression + "'"
        + "\n  " + expression + "\n  " + " ".repeat(Math.max(0, position)) + "^");
    this.expression = expression;
    this.position = position;
    this.problem = problem;
  }

  /** The 0-based character offset in the expression where parsing failed. */
  public int position() {
    return position;
  }

  /** The expression that failed to parse. */
  public String expression() {
    return expression;
  }

  /** What went wrong, without the position: "expected ']' to close the list but found end of expression". */
  public String problem() {
    return problem;
  }
}
