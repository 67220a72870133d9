package io.berth.engine.cli;

/**
 * The exit codes of every {@code berth} command, as Terraform's: 0 success, 1 any error (usage
 * errors included), 2 only for a plan with changes under {@code --detailed-exitcode}.
 */
final class ExitCodes {
  /** The command did what was asked (a plan with changes too, without {@code --detailed-exitcode}). */
  static final int OK = 0;
  /** Anything went wrong: bad arguments, bad input, a failure, a timeout, a failed deployment. */
  static final int ERROR = 1;
  /** {@code berth plan --detailed-exitcode} only: the plan has changes. */
  static final int CHANGES = 2;

  private ExitCodes() {}
}
