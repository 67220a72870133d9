package io.berth.engine.cli;

import io.berth.engine.api.ApiException;
import io.berth.engine.state.StateException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * Runs a runtime command (server, up, down, ps, ...) and turns failures a user can fix (an
 * unreachable or refusing control plane, bad options, a missing file) into one {@code error:} line
 * on stderr and exit code 1, without a stack trace.
 */
final class RuntimeErrors {
  private RuntimeErrors() {}

  static int run(Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (ApiException e) {
      System.err.println("error: " + e.error().error() + (e.error().fix().isEmpty() ? "" : "; " + e.error().fix()));
      return 1;
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | StateException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
  }
}
