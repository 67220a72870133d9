package io.berth.engine.cli;

import io.berth.engine.planner.DesiredInput;
import io.berth.engine.planner.Planner;
import io.berth.engine.planner.PlacementDryRun;
import io.berth.engine.planner.SchedulerDryRun;
import io.berth.engine.state.StateRepository;
import io.berth.model.DesiredState;
import io.berth.plans.Plan;
import io.berth.plans.Summary;
import io.berth.plans.diff.Digests;
import io.berth.plans.file.PlanFile;
import io.berth.plans.file.SavedPlan;
import io.berth.plans.render.TextRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
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

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    return CommandErrors.run(spec.commandLine().getErr(), () -> {
      if ((planFile == null) == (desired == null)) {
        throw new IllegalArgumentException("give either a plan file (berth apply plan.json) or --desired DIR"
            + " --auto-approve");
      }
      if (desired != null && !autoApprove) {
        throw new IllegalArgumentException("apply --desired plans and applies without review, so it needs"
            + " --auto-approve; or save a plan with berth plan --desired " + desired + " --out plan.json and apply"
            + " that file");
      }
      String planId;
      Summary summary;
      Function<Planner, Optional<String>> applying;
      StateRepository repo;
      if (planFile != null) {
        byte[] bytes = readPlan(planFile);
        // hashing megabytes of plan takes as long as parsing them: do both at once on a cold JVM
        CompletableFuture<String> hashing = CompletableFuture.supplyAsync(() -> Digests.sha256(bytes));
        // and read what the commit needs from the state repository meanwhile
        CompletableFuture<StateRepository> opening = CompletableFuture.supplyAsync(() -> {
          StateRepository opened = StateRepository.open(state.path());
          opened.prepareApply();
          return opened;
        });
        SavedPlan saved;
        try {
          saved = PlanFile.read(bytes, planFile.toString());
        } catch (RuntimeException e) {
          opening.thenAccept(StateRepository::close);
          throw e;
        }
        repo = OpenedState.joined(opening);
        planId = saved.planId();
        summary = saved.summary();
        applying = planner -> planner.apply(saved, hashing::join);
      } else {
        OpenedState<DesiredState> opened = OpenedState.openWhile(() -> {
          StateRepository created = StateRepository.init(state.path());
          created.prepareApply(); // what the commit reads from the tip, read while the input is
          return created;
        }, () -> DesiredInput.read(desired, Optional.ofNullable(stack)));
        repo = opened.repo();
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
        out.print(TextRenderer.render(plan, Output.colour(noColor)));
        planId = plan.planId();
        summary = plan.summary();
        applying = planner -> planner.apply(planned, () -> OpenedState.joined(hashing));
      }
      try (repo) {
        Optional<String> commit = applying.apply(new Planner(repo, SchedulerDryRun.NONE));
        out.println(commit.map(c -> "Applied " + planId + ": " + summary.line().replace("Plan: ", "")
            + " State is now " + c + ".").orElse("No changes; nothing to apply."));
        out.flush();
        return wait.afterApply(commit.or(repo::tip).orElse(""));
      }
    });
  }


  private static byte[] readPlan(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("plan file " + file + " does not exist; make one with berth plan --desired"
          + " DIR --out " + file);
    }
  }
}
