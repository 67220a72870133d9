package io.berth.engine.server;

import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.planner.ApplyRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@link DesiredApplier} {@code berth up} gives its control plane: the CLI's own
 * {@link ApplyRun} on the control plane's state repository, its output captured for the answer to
 * {@code POST /v1/apply}.
 *
 * <pre>{@code
 * ControlPlane.start(config, clock, ServedApply::serve);
 * }</pre>
 */
public final class ServedApply {
  private ServedApply() {}

  /**
   * Runs {@code request} on {@code state} as a local apply would. An unexpected failure comes back as
   * its stack trace and exit code 1, as picocli reports one thrown by a local apply.
   */
  public static ApplyResponse serve(ApplyRequest request, Path state) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter outWriter = new PrintWriter(out);
    PrintWriter errWriter = new PrintWriter(err);
    ApplyRun.Outcome outcome;
    try {
      outcome = ApplyRun.run(state, desiredDirectory(request), request.stack(), request.colour(), outWriter,
          errWriter);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      e.printStackTrace(errWriter);
      outcome = new ApplyRun.Outcome(1, "");
    }
    outWriter.flush();
    errWriter.flush();
    return new ApplyResponse(outcome.exitCode(), out.toString(), err.toString(), outcome.declared());
  }

  /**
   * The request's directory as this process must open it. A relative path stays as the user typed
   * it when this process runs in the client's directory (berth up and the apply both run where
   * {@code .berth/up.json} is), so the error messages name it exactly as a local apply would;
   * otherwise it is resolved against the client's directory.
   */
  static Path desiredDirectory(ApplyRequest request) {
    Path given = Path.of(request.desired());
    Path client = Path.of(request.workingDirectory());
    if (given.isAbsolute() || sameFile(Path.of("").toAbsolutePath(), client)) {
      return given;
    }
    return client.resolve(given);
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false; // one of them does not exist: not the same
    }
  }
}
