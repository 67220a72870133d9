package io.berth.engine.server;

import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.planner.ApplyRun;
import io.berth.engine.planner.Planner;
import io.berth.engine.state.Attribution;
import io.berth.engine.state.StateAccess;
import io.berth.engine.state.StateException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link DesiredApplier} {@code berth up} and {@code berth server} give their control plane: the
 * CLI's own {@link ApplyRun} on the control plane's state (local, or a remote it pushes to), its
 * output captured for the answer to {@code POST /v1/apply}. The commit is attributed to the author
 * and CI run the client sent, else to the control plane's own identity.
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
  public static ApplyResponse serve(ApplyRequest request, StateAccess state) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter outWriter = new PrintWriter(out);
    PrintWriter errWriter = new PrintWriter(err);
    ApplyRun.Outcome outcome;
    try {
      outcome = ApplyRun.run(state, desiredDirectory(request), request.stack(), request.colour(),
          attribution(request, state), outWriter, errWriter);
    } catch (StateException e) {
      errWriter.println("error: " + e.getMessage());
      outcome = new ApplyRun.Outcome(1, "");
    } catch (RuntimeException | LinkageError | AssertionError e) {
      e.printStackTrace(errWriter);
      outcome = new ApplyRun.Outcome(1, "");
    }
    outWriter.flush();
    errWriter.flush();
    return new ApplyResponse(outcome.exitCode(), out.toString(), err.toString(), outcome.declared());
  }

  /** The client's author and run, else this process's identity (its environment decides, as for the CLI). */
  static Attribution attribution(ApplyRequest request, StateAccess state) {
    Map<String, String> env = new HashMap<>(state.environment());
    request.runUrl().ifPresent(url -> {
      env.keySet().removeIf(name -> name.startsWith("GITHUB_") || name.startsWith("GITLAB_") || name.startsWith("CI_"));
      env.put("CI_JOB_URL", url);
    });
    return Attribution.resolve(request.author(), env, Planner.toolVersion());
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
