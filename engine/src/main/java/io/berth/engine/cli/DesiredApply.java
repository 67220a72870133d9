package io.berth.engine.cli;

import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.planner.DesiredInput;
import io.berth.engine.planner.PlacementDryRun;
import io.berth.engine.planner.Planner;
import io.berth.engine.planner.SchedulerDryRun;
import io.berth.engine.state.StateRepository;
import io.berth.model.DesiredState;
import io.berth.plans.Plan;
import io.berth.plans.diff.Digests;
import io.berth.plans.file.PlanFile;
import io.berth.plans.render.TextRenderer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code berth apply --desired DIR --auto-approve}: plans from DIR and commits that plan at once.
 * This is the one code path of a local apply and of the apply the control plane of {@code berth up}
 * runs for the CLI ({@link #served}, {@code POST /v1/apply}), so both print the same text, make
 * the same commit and return the same exit code.
 */
final class DesiredApply {
  private DesiredApply() {}

  /**
   * How an apply ended.
   *
   * @param exitCode 0 when applied or nothing to apply, 1 for an error the user can fix
   * @param declared the declared commit afterwards, "" when there is none: what {@code --wait} follows
   */
  record Outcome(int exitCode, String declared) {}

  /**
   * Plans {@code desired} against {@code state}, prints the plan text and the "Applied ..." line to
   * {@code out} and errors to {@code err} (as {@code error: ...} lines, exit code 1). Unexpected
   * failures (bugs) are thrown.
   */
  static Outcome run(Path state, Path desired, Optional<String> stack, boolean colour, PrintWriter out,
      PrintWriter err) {
    AtomicReference<String> declared = new AtomicReference<>("");
    int exitCode = CommandErrors.run(err, () -> {
      OpenedState<DesiredState> opened = OpenedState.openWhile(() -> {
        StateRepository created = StateRepository.init(state);
        created.prepareApply(); // what the commit reads from the tip, read while the input is
        return created;
      }, () -> DesiredInput.read(desired, stack));
      StateRepository repo = opened.repo();
      Plan plan;
      try {
        plan = new Planner(repo, new PlacementDryRun()).plan(opened.input());
      } catch (RuntimeException e) {
        repo.close();
        throw e;
      }
      // the digest of the plan as its saved file would hold it is made while the text renders
      Plan planned = plan;
      CompletableFuture<String> hashing =
          CompletableFuture.supplyAsync(() -> Digests.sha256(PlanFile.write(planned)));
      out.print(TextRenderer.render(plan, colour));
      try (repo) {
        Optional<String> commit = new Planner(repo, SchedulerDryRun.NONE).apply(plan, () -> OpenedState.joined(hashing));
        out.println(ApplyCommand.applied(plan.planId(), plan.summary(), commit));
        out.flush();
        declared.set(commit.or(repo::tip).orElse(""));
        return 0;
      }
    });
    return new Outcome(exitCode, declared.get());
  }

  /**
   * The {@link io.berth.engine.server.DesiredApplier} {@code berth up} gives its control plane: the
   * same {@link #run} on {@code state} with the output captured. An unexpected failure comes back as
   * its stack trace and exit code 1, as picocli reports one thrown by a local apply.
   */
  static ApplyResponse served(ApplyRequest request, Path state) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter outWriter = new PrintWriter(out);
    PrintWriter errWriter = new PrintWriter(err);
    Outcome outcome;
    try {
      outcome = run(state, desiredDirectory(request), request.stack(), request.colour(), outWriter, errWriter);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      e.printStackTrace(errWriter);
      outcome = new Outcome(1, "");
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
    if (given.isAbsolute() || PlaneApply.sameFile(Path.of("").toAbsolutePath(), client)) {
      return given;
    }
    return client.resolve(given);
  }

}
