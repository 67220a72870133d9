package io.berth.cql;

/** A comparison operator of the Cluster Query Language, with the number of values it takes. */
public enum Operator {
  EQUALS("==", Arity.ONE),
  NOT_EQUALS("!=", Arity.ONE),
  GREATER(">", Arity.ONE),
  GREATER_OR_EQUAL(">=", Arity.ONE),
  LESS("<", Arity.ONE),
  LESS_OR_EQUAL("<=", Arity.ONE),
  EXISTS("exists", Arity.NONE),
  NOT_EXISTS("!exists", Arity.NONE),
  IN("in", Arity.LIST),
  NOT_IN("not_in", Arity.LIST),
  MATCHES("=~", Arity.ONE),
  NOT_MATCHES("!~", Arity.ONE);

  /** How many values follow an operator: none, one, or a bracketed list. */
  public enum Arity { NONE, ONE, LIST }

  private final String symbol;
  private final Arity arity;

  Operator(String symbol, Arity arity) {
    this.symbol = symbol;
    this.arity = arity;
  }

  /** The spelling in expressions, e.g. {@code not_in}. */
  public String symbol() {
    return symbol;
  }

  /** How many values the operator takes. */
  public Arity arity() {
    return arity;
  }

  /** Whether this is one of the ordering operators {@code > >= < <=}. */
  boolean isOrdering() {
    return this == GREATER || this == GREATER_OR_EQUAL || this == LESS || this == LESS_OR_EQUAL;
  }

  /** All spellings, for error messages. */
  static String allSymbols() {
    StringBuilder out = new StringBuilder();
    for (Operator op : values()) {
      out.append(out.length() == 0 ? "" : ", ").append(op.symbol);
    }
    return out.toString();
  }
}
