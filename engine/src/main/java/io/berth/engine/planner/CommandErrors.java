package io.berth.engine.planner;

import io.berth.engine.state.StateException;
import io.berth.plans.diff.PlanException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * Runs a command body and turns the failures a user can fix into {@code error: ...} lines on
 * stderr and exit code 1; anything else is a bug, thrown on for the command line's handler of
 * those (one line, the stack trace only with {@code BERTH_DEBUG}). The state commands of
 * the command line use it, and so does {@link ApplyRun}, whose text is the same whether the CLI or
 * the control plane runs it.
 */
public final class CommandErrors {
  private CommandErrors() {}

  /** Runs {@code body}: its exit code, or 1 after the {@code error:} lines of a failure the user can fix. */
  public static int run(PrintWriter err, Callable<Integer> body) {
    try {
      return body.call();
    } catch (StateException | DesiredInputException | UnsupportedOnBerthException | StalePlanException
        | IllegalArgumentException e) {
      return fail(err, e.getMessage());
    } catch (PlanException e) {
      err.println("error: the desired state cannot be planned:");
      e.problems().forEach(p -> err.println("  - " + p));
      err.flush();
      return 1;
    } catch (IOException e) {
      return fail(err, "cannot use " + FileProblems.describe(e, null) + "; check the path and its permissions");
    } catch (UncheckedIOException e) {
      return fail(err, FileProblems.describe(e));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int fail(PrintWriter err, String message) {
    err.println("error: " + message);
    err.flush();
    return 1;
  }
}
