package io.berth.engine.cli;

import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.planner.ApplyRun;
import io.berth.engine.planner.CommandErrors;
import io.berth.engine.state.Attribution;
import io.berth.engine.state.StateAccess;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth apply}: writes a saved plan (refused when stale), or plans and applies in one go. */
@Command(name = "apply", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = {"Apply a saved plan (berth plan --out FILE) as one commit of the state repository.",
        "A plan made against an older state is refused. With --desired DIR --auto-approve, plan and apply at once."})
final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateOption state = new StateOption();
  @Mixin WaitOptions wait = new WaitOptions();

  @Parameters(arity = "0..1", paramLabel = "PLAN", description = "A plan file written by berth plan --out.")
  Path planFile;

  @Option(names = "--desired", paramLabel = "DIR", description = "Plan from this directory and apply it.")
  Path desired;

  @Option(names = "--stack", paramLabel = "NAME", description = "The stack to apply when DIR holds several.")
  String stack;

  @Option(names = "--auto-approve", description = "Apply the plan made from --desired without review.")
  boolean autoApprove;

  @Option(names = "--no-color", description = "Never colour the text output (also: NO_COLOR set).")
  boolean noColor;

  @Option(names = "--author", paramLabel = "\"NAME <EMAIL>\"", description = "Who the state commit is attributed to"
      + " (default: the CI's user, e.g. GITHUB_ACTOR or GITLAB_USER_LOGIN, else your Git identity).")
  String author;

  /** Where {@code .berth/up.json} of a running {@code berth up} is looked for: the working directory (tests change it). */
  Path workDirectory = Path.of("");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    return CommandErrors.run(err, () -> {
      if ((planFile == null) == (desired == null)) {
        throw new IllegalArgumentException("give either a plan file (berth apply plan.json) or --desired DIR"
            + " --auto-approve");
      }
      if (desired != null && !autoApprove) {
        throw new IllegalArgumentException("apply --desired plans and applies without review, so it needs"
            + " --auto-approve; or save a plan with berth plan --desired " + desired + " --out plan.json and apply"
            + " that file");
      }
      return planFile != null ? applyPlanFile(out, err) : applyDesired(out, err);
    });
  }

  /** Through the control plane of a running berth up when there is one for this (local) state, else here. */
  private int applyDesired(PrintWriter out, PrintWriter err) throws InterruptedException {
    boolean colour = Output.colour(noColor);
    StateAccess access = state.access();
    // the control plane of berth up runs on this machine, as this user: it resolves the Git identity itself
    Optional<Attribution> named = StateOption.explicitAttribution(Optional.ofNullable(author));
    PlaneApply.Answer answer = access.localDirectory().<PlaneApply.Answer>map(local -> PlaneApply.send(workDirectory,
        local, new ApplyRequest(desired.toString(), Path.of("").toAbsolutePath().toString(),
            Optional.ofNullable(stack), colour, named.map(Attribution::author), named.flatMap(Attribution::runUrl))))
        .orElse(new PlaneApply.NotSent("the state is remote: berth up serves only its local state"));
    if (answer instanceof PlaneApply.Answered answered) {
      ApplyResponse response = answered.response();
      out.print(response.out());
      out.flush();
      err.print(response.err());
      err.flush();
      if (ClassListRun.active()) {
        ClassListRun.planLocally(desired, Optional.ofNullable(stack), state.text());
      }
      return response.exitCode() == 0 ? wait.afterApply(response.declared()) : response.exitCode();
    }
    if (answer instanceof PlaneApply.Failed failed) {
      throw new IllegalArgumentException(failed.message());
    }
    String debug = System.getenv("BERTH_DEBUG");
    if (debug != null && !debug.isEmpty()) {
      err.println("berth: applying in this process: " + ((PlaneApply.NotSent) answer).why());
      err.flush();
    }
    Attribution by = named.orElseGet(() -> StateOption.attribution(Optional.empty()));
    ApplyRun.Outcome outcome = ApplyRun.run(access, desired, Optional.ofNullable(stack), colour, by, out, err);
    if (ClassListRun.active()) {
      ClassListRun.touchPlane(workDirectory);
    }
    return outcome.exitCode() == 0 ? wait.afterApply(outcome.declared()) : outcome.exitCode();
  }

  private int applyPlanFile(PrintWriter out, PrintWriter err) throws InterruptedException {
    Attribution by = StateOption.attribution(Optional.ofNullable(author));
    ApplyRun.Outcome outcome = ApplyRun.runSaved(state.access(), planFile, by, out, err);
    return outcome.exitCode() == 0 ? wait.afterApply(outcome.declared()) : outcome.exitCode();
  }
}
