package io.berth.engine.planner;

/** The desired input (a {@code --desired} directory or a plan file) is missing or unreadable. */
public final class DesiredInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A problem described by {@code message}, which names the file and the fix. */
  public DesiredInputException(String message) {
    super(message);
  }

  /** As above, with its cause. */
  public DesiredInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
