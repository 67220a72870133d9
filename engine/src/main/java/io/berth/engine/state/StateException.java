package io.berth.engine.state;

/**
 * The state repository cannot do what was asked: it is missing, damaged, of an unknown layout, or
 * a write lost a race. Messages name the repository and say how to fix the problem.
 */
public class StateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public StateException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
