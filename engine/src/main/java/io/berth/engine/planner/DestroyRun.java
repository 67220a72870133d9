package io.berth.engine.planner;

import io.berth.engine.state.Attribution;
import io.berth.engine.state.StateAccess;
import io.berth.engine.state.StateRepository;
import io.berth.model.DesiredState;
import io.berth.plans.Plan;
import io.berth.plans.file.PlanFile;
import io.berth.plans.render.TextRenderer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code berth destroy --stack NAME}: the plan that removes every resource of one stack from the
 * state, made and reviewed like any plan. It is the plan of the stack declaring nothing, so the
 * same rules hold: a cluster or role other stacks still use is refused naming them; saved with
 * {@code --out}, {@code berth apply FILE} refuses it once what it read changed; applied, the
 * stack's directory leaves the state (its history stays in Git). Other stacks are never touched.
 *
 * <pre>{@code
 * int exit = DestroyRun.run(state, "batch", Optional.of(Path.of("destroy.json")), false, false, by, out, err);
 * }</pre>
 */
public final class DestroyRun {
  private DestroyRun() {}

  /**
   * Plans the destruction of {@code stack} in {@code state} and prints it; saves it to {@code planFile}
   * when given; applies it at once with {@code approve}. Returns the exit code (1 for an error the
   * user can fix, printed on {@code err}).
   */
  public static int run(StateAccess state, String stack, Optional<Path> planFile, boolean approve, boolean colour,
      Attribution by, PrintWriter out, PrintWriter err) {
    return CommandErrors.run(err, () -> {
      try (StateRepository repo = StateRepository.open(state)) {
        List<String> stacks = repo.tip().isEmpty() ? List.of() : repo.stacks("main");
        if (!stacks.contains(stack)) {
          throw new IllegalArgumentException("state " + repo.where() + " holds no stack '" + stack + "' (it holds "
              + (stacks.isEmpty() ? "none" : "'" + String.join("', '", stacks) + "'") + "); nothing to destroy");
        }
        DesiredState nothing = new DesiredState(DesiredState.API_VERSION, stack, List.of(), List.of(), List.of(),
            List.of(), List.of());
        Plan plan = new Planner(repo, SchedulerDryRun.NONE).plan(nothing);
        repo.remoteNotes().forEach(err::println);
        out.print(TextRenderer.render(plan, colour));
        if (planFile.isPresent()) {
          Path parent = planFile.get().toAbsolutePath().getParent();
          Files.createDirectories(parent);
          Files.write(planFile.get(), PlanFile.write(plan));
          err.println("Saved the plan to " + planFile.get() + "; apply it with: berth apply " + planFile.get());
        }
        if (approve) {
          Optional<String> commit = new Planner(repo, SchedulerDryRun.NONE, by).apply(plan);
          out.println(ApplyRun.applied(plan.planId(), plan.summary(), commit));
        } else if (planFile.isEmpty()) {
          err.println("Nothing was destroyed. Review the plan, then run berth destroy --stack " + stack
              + " --auto-approve, or save it with --out FILE and apply that with berth apply FILE");
        }
        out.flush();
        err.flush();
        return 0;
      }
    });
  }
}
