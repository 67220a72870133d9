package io.berth.engine.planner;

/**
 * The desired state uses settings Berth's runtime does not carry out (see {@code RuntimeSupport}):
 * the message lists each one, with its id, model path and the alternative.
 */
public final class UnsupportedOnBerthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A refusal described by {@code message}. */
  public UnsupportedOnBerthException(String message) {
    super(message);
  }
}
