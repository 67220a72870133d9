package io.berth.plans.file;

/**
 * A plan file that cannot be applied: not a plan, another format version, damaged, or changed
 * after {@code berth plan} wrote it. The message names the file and the fix.
 */
public final class PlanFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  PlanFileException(String message) {
    super(message);
  }

  PlanFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
