package io.berth.engine.cli;

import io.berth.engine.api.ApiException;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.planner.FileProblems;
import io.berth.engine.state.StateException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * Runs a runtime command (server, up, down, ps, ...) and turns failures a user can fix (an
 * unreachable or refusing control plane or Docker engine, bad options, a missing file) into one
 * {@code error:} line on stderr and exit code 1, without a stack trace or a Java exception's text.
 */
final class RuntimeErrors {
  private RuntimeErrors() {}

  static int run(Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (ApiException e) {
      System.err.println("error: " + e.error().error() + (e.error().fix().isEmpty() ? "" : "; " + e.error().fix()));
      return ExitCodes.ERROR;
    } catch (UncheckedIOException e) {
      System.err.println("error: " + FileProblems.describe(e));
      return ExitCodes.ERROR;
    } catch (IllegalArgumentException | IllegalStateException | StateException e) {
      System.err.println("error: " + e.getMessage());
      return ExitCodes.ERROR;
    } catch (RuntimeException e) {
      // a Docker engine that is down or says no is the user's to fix; anything else is a bug
      System.err.println("error: " + DockerEngine.problem(e).orElseThrow(() -> e));
      return ExitCodes.ERROR;
    }
  }
}
