package io.berth.cql;

import java.util.Objects;

/**
 * A parsed Cluster Query Language expression: a condition, or a compound of expressions.
 * {@code toString()} renders a canonical, fully parenthesised form that parses back to an equal tree.
 */
public sealed interface Expression permits Expression.And, Expression.Or, Expression.Not, Condition {

  /** Whether the instance satisfies this expression. */
  boolean matches(QueryTarget instance);

  /** Both sides hold ({@code and}, {@code &&}). */
  record And(Expression left, Expression right) implements Expression {
    /** Rejects missing operands. */
    public And {
      Objects.requireNonNull(left, "left == null");
      Objects.requireNonNull(right, "right == null");
    }

    @Override
    public boolean matches(QueryTarget instance) {
      return left.matches(instance) && right.matches(instance);
    }

    @Override
    public String toString() {
      return "(" + left + " and " + right + ")";
    }
  }

  /** Either side holds ({@code or}, {@code ||}). */
  record Or(Expression left, Expression right) implements Expression {
    /** Rejects missing operands. */
    public Or {
      Objects.requireNonNull(left, "left == null");
      Objects.requireNonNull(right, "right == null");
    }

    @Override
    public boolean matches(QueryTarget instance) {
      return left.matches(instance) || right.matches(instance);
    }

    @Override
    public String toString() {
      return "(" + left + " or " + right + ")";
    }
  }

  /** The operand does not hold ({@code not}, {@code !}). */
  record Not(Expression operand) implements Expression {
    /** Rejects a missing operand. */
    public Not {
      Objects.requireNonNull(operand, "operand == null");
    }

    @Override
    public boolean matches(QueryTarget instance) {
      return !operand.matches(instance);
    }

    @Override
    public String toString() {
      return "not(" + operand + ")";
    }
  }
}
