package io.berth.engine.planner;

import io.berth.engine.state.Attribution;
import io.berth.engine.state.StateAccess;
import io.berth.engine.state.StateRepository;
import io.berth.model.DesiredState;
import io.berth.plans.Plan;
import io.berth.plans.Summary;
import io.berth.plans.diff.Digests;
import io.berth.plans.file.PlanFile;
import io.berth.plans.render.TextRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code berth apply --desired DIR --auto-approve}: plans from DIR, prints the plan's text and
 * commits that plan at once. This is the one code path of a local apply and of the apply the
 * control plane of {@code berth up} runs for the CLI ({@code POST /v1/apply}, through
 * {@code ServedApply} in the server package), so both print the same text, make the same commit
 * and return the same exit code.
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
      OpenedState<DesiredState> opened = OpenedState.openWhile(() -> {
        StateRepository created = StateRepository.init(state, Clock.systemUTC(), by);
        created.prepareApply(); // what the commit reads from the tip, read while the input is
        return created;
      }, () -> DesiredInput.read(desired, stack));
      StateRepository repo = opened.repo();
      Plan plan;
      Attribution attribution = by.withApplicationCommit(Attribution.applicationCommit(desired));
      try {
        plan = new Planner(repo, new PlacementDryRun()).plan(opened.input())
            .withApplicationCommit(attribution.applicationCommit());
        repo.remoteNotes().forEach(err::println);
        err.flush();
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
        Optional<String> commit = new Planner(repo, SchedulerDryRun.NONE, attribution)
            .apply(plan, () -> OpenedState.joined(hashing));
        out.println(applied(plan.planId(), plan.summary(), commit));
        out.flush();
        declared.set(commit.or(repo::tip).orElse(""));
        return 0;
      }
    });
    return new Outcome(exitCode, declared.get());
  }

  /** The last line of an apply: the commit it made, or that there was nothing to apply. */
  public static String applied(String planId, Summary summary, Optional<String> commit) {
    return commit.map(c -> "Applied " + planId + ": " + summary.line().replace("Plan: ", "") + " State is now " + c
        + ".").orElse("No changes; nothing to apply.");
  }
}
