package io.berth.engine.planner;

import io.berth.engine.state.StateRepository;
import io.berth.plans.Plan;
import io.berth.plans.Summary;
import io.berth.plans.render.TextRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code berth apply --desired DIR --auto-approve}: plans from DIR, prints the plan's text and
 * commits that plan at once. This is the one code path of a local apply and of the apply the
 * control plane of {@code berth up} runs for the CLI ({@code POST /v1/apply}, through
 * {@code ServedApply} in the server package), so both print the same text, make the same commit
 * and return the same exit code.
 *
 * <pre>{@code
 * ApplyRun.Outcome outcome = ApplyRun.run(state, Path.of("build/berth"), Optional.empty(), false, out, err);
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
   * Plans {@code desired} against {@code state}, prints the plan text and the "Applied ..." line to
   * {@code out} and errors to {@code err} (as {@code error: ...} lines, exit code 1). Unexpected
   * failures (bugs) are thrown.
   */
  public static Outcome run(Path state, Path desired, Optional<String> stack, boolean colour, PrintWriter out,
      PrintWriter err) {
    AtomicReference<String> declared = new AtomicReference<>("");
    int exitCode = CommandErrors.run(err, () -> {
      try (StateRepository repo = StateRepository.init(state)) {
        Plan plan = new Planner(repo, new PlacementDryRun()).plan(DesiredInput.read(desired, stack));
        out.print(TextRenderer.render(plan, colour));
        Optional<String> commit = new Planner(repo, SchedulerDryRun.NONE).apply(plan);
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
