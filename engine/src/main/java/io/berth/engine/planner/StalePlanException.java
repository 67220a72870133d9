package io.berth.engine.planner;

/**
 * Something a saved plan read from the state has changed since it was made (another apply came
 * first): nothing was applied; plan again.
 */
public final class StalePlanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The message of the state's refusal, which names the commits and what changed. */
  public StalePlanException(String message, Throwable cause) {
    super(message, cause);
  }
}
