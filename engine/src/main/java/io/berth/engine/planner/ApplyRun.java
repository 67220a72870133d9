package io.berth.engine.planner;

import io.berth.engine.state.Attribution;
import io.berth.engine.state.StateAccess;
import io.berth.engine.state.StateRepository;
import io.berth.plans.Plan;
import io.berth.plans.Summary;
import io.berth.plans.file.PlanFile;
import io.berth.plans.file.SavedPlan;
import io.berth.plans.render.TextRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code berth apply}. {@link #run} is {@code apply --desired DIR --auto-approve}: it plans from DIR,
 * prints the plan's text and commits that plan at once. It is the one code path of a local apply,
 * of the apply the control plane of {@code berth up} runs for the CLI ({@code POST /v1/apply},
 * through {@code ServedApply} in the server package) and of the Maven plugin's {@code berth:apply},
 * so all print the same text, make the same commit and return the same exit code. {@link #runSaved}
 * applies a saved plan file ({@code berth apply plan.json}) for the CLI and the plugin alike.
 *
 * <pre>{@code
 * ApplyRun.Outcome outcome = ApplyRun.run(state, Path.of("build/berth"), Optional.empty(), false, by, out, err);
 * }</pre>
 */
public final class ApplyRun {
  private ApplyRun() {}

  /**
   * How an apply ended.
   *
   * @param exitCode 0 when applied or nothing to apply, 1 for an error the user can fix
   * @param declared the declared commit afterwards, "" when there is none: what {@code --wait} follows
   */
  public record Outcome(int exitCode, String declared) {}

  /**
   * Plans {@code desired} against {@code state} (created when missing), prints the plan text and
   * the "Applied ..." line to {@code out}, notes on a remote state and errors to {@code err} (as
   * {@code error: ...} lines, exit code 1), and commits attributed to {@code by} with the
   * application commit of {@code desired}'s work tree. Unexpected failures (bugs) are thrown.
   */
  public static Outcome run(StateAccess state, Path desired, Optional<String> stack, boolean colour, Attribution by,
      PrintWriter out, PrintWriter err) {
    AtomicReference<String> declared = new AtomicReference<>("");
    int exitCode = CommandErrors.run(err, () -> {
      try (StateRepository repo = StateRepository.init(state, Clock.systemUTC(), by)) {
        Attribution attribution = by.withApplicationCommit(Attribution.applicationCommit(desired));
        Plan plan = new Planner(repo, new PlacementDryRun()).plan(DesiredInput.read(desired, stack))
            .withApplicationCommit(attribution.applicationCommit());
        repo.remoteNotes().forEach(err::println);
        err.flush();
        out.print(TextRenderer.render(plan, colour));
        Optional<String> commit = new Planner(repo, SchedulerDryRun.NONE, attribution).apply(plan);
        out.println(applied(plan.planId(), plan.summary(), commit));
        out.flush();
        declared.set(commit.or(repo::tip).orElse(""));
        return 0;
      }
    });
    return new Outcome(exitCode, declared.get());
  }

  /**
   * Applies the plan file {@code planFile} (written by {@code berth plan --out}) to {@code state},
   * printing the "Applied ..." line to {@code out} and errors to {@code err} (exit code 1). A plan
   * file that was changed since it was written, or made against an earlier tip, is refused and
   * nothing is written.
   */
  public static Outcome runSaved(StateAccess state, Path planFile, Attribution by, PrintWriter out, PrintWriter err) {
    AtomicReference<String> declared = new AtomicReference<>("");
    int exitCode = CommandErrors.run(err, () -> {
      byte[] bytes = readPlan(planFile);
      SavedPlan saved = PlanFile.read(bytes, planFile.toString());
      try (StateRepository repo = StateRepository.open(state)) {
        Optional<String> commit = new Planner(repo, SchedulerDryRun.NONE, by).apply(saved, saved::planDigest);
        out.println(applied(saved.planId(), saved.summary(), commit));
        out.flush();
        if (!saved.only().isEmpty() && commit.isPresent()) {
          err.println("warning: " + planFile + " is a partial plan (--only " + saved.only().stream()
              .map(a -> a.type().label() + "/" + a.id()).collect(Collectors.joining(" --only ")) + "): the rest of the"
              + " stack was left as it was; plan without --only to bring all of it to its desired state");
          err.flush();
        }
        declared.set(commit.or(repo::tip).orElse(""));
        return 0;
      }
    });
    return new Outcome(exitCode, declared.get());
  }

  /** The plan file's bytes, or the reason it cannot be read in a sentence naming the file and the fix. */
  public static byte[] readPlan(Path file) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + " is a directory, not a plan file; apply the file berth plan --out"
          + " wrote (berth apply plan.json), or plan and apply the stack built there with berth apply --desired "
          + file + " --auto-approve");
    }
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("plan file " + file + " does not exist; make one with berth plan --desired"
          + " DIR --out " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read plan file " + FileProblems.describe(e, file) + "; check the path"
          + " and its permissions, or make the plan again with berth plan --out " + file);
    }
  }

  /** The last line of an apply: the commit it made, or that there was nothing to apply. */
  public static String applied(String planId, Summary summary, Optional<String> commit) {
    return commit.map(c -> "Applied " + planId + ": " + summary.line().replace("Plan: ", "") + " State is now " + c
        + ".").orElse("No changes; nothing to apply.");
  }
}
