package io.berth.engine.state;

/**
 * A compare-and-swap write found the ref somewhere else than expected: someone else wrote first.
 * Nothing was changed; re-read the state and try again (for an apply: plan again).
 */
public final class StaleStateException extends StateException {
  private static final long serialVersionUID = 1L;
  private final String expected;
  private final String actual;

  /** The write expected {@code expected} but the ref is at {@code actual} ("none" when absent). */
  public StaleStateException(String ref, String expected, String actual) {
    super(ref + " was expected at " + expected + " but is now at " + actual
        + "; someone else wrote first, nothing was changed");
    this.expected = expected;
    this.actual = actual;
  }

  /** The commit the write was based on ({@code none} for an empty ref). */
  public String expected() {
    return expected;
  }

  /** The commit the ref is at now ({@code none} when absent). */
  public String actual() {
    return actual;
  }
}
