package io.berth.engine.planner;

/** A saved plan was made against a state commit that is no longer the tip: plan again. */
public final class StalePlanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The plan's base {@code planned} and the state's tip {@code now} (short ids or "(empty)"). */
  public StalePlanException(String planned, String now) {
    super("plan was made against state " + planned + " but the state is now " + now + "; run berth plan again");
  }
}
