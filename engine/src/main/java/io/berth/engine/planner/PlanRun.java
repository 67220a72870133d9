package io.berth.engine.planner;

import io.berth.engine.state.Attribution;
import io.berth.engine.state.StateAccess;
import io.berth.engine.state.StateRepository;
import io.berth.model.DesiredState;
import io.berth.plans.Plan;
import io.berth.plans.diff.StateDiff;
import io.berth.plans.file.PlanFile;
import io.berth.plans.render.CommentMarker;
import io.berth.plans.render.JsonRenderer;
import io.berth.plans.render.Markdown;
import io.berth.plans.render.MarkdownRenderer;
import io.berth.plans.render.TextRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code berth plan}: reads the desired state (or an earlier declared state), plans it against the
 * state repository, prints the plan and writes the files asked for. This is the one code path of
 * the command line's {@code plan} and the Maven plugin's {@code berth:plan}, so both print the same
 * text and write the same files.
 *
 * <pre>{@code
 * PlanRun.Outcome outcome = PlanRun.run(new PlanRun.Request(state, Optional.of(Path.of("target/classes")),
 *     Optional.empty(), Optional.empty(), PlanRun.Format.text, false, Optional.empty(), Optional.empty()), out, err);
 * }</pre>
 */
public final class PlanRun {
  private PlanRun() {}

  /** Output formats of the plan printed on {@code out} (lower case: they are the CLI's option values). */
  public enum Format { text, markdown, json }

  /**
   * One plan to make.
   *
   * @param state the state repository, local or remote
   * @param desired the processor's output to plan ({@link DesiredInput}); exactly one of this and {@code desiredFrom}
   * @param desiredFrom a state commit whose declared state to plan back to
   * @param stack the stack to plan when {@code desired} holds several
   * @param only the resources to plan alone ({@code service/web}, see {@link io.berth.plans.diff.Targeting}); empty: all
   * @param format how to print the plan
   * @param colour whether the text format may use colour
   * @param out where to save the plan file for {@code berth apply FILE}
   * @param commentDir where to write the pull-request comments {@code comment-N.md}
   */
  public record Request(StateAccess state, Optional<Path> desired, Optional<String> desiredFrom, Optional<String> stack,
      List<String> only, Format format, boolean colour, Optional<Path> out, Optional<Path> commentDir) {
    /** Checks that exactly one source is given. */
    public Request {
      only = List.copyOf(only);
      if (desired.isPresent() == desiredFrom.isPresent()) {
        throw new IllegalArgumentException("give either the desired state (--desired DIR) or a state commit to plan"
            + " back to (--desired-from REV), not both or neither");
      }
    }
  }

  /**
   * A plan that was made.
   *
   * @param stack the stack planned
   * @param planId the plan's id, as {@code berth apply} and {@code berth history} show it
   * @param changes whether applying it would change anything
   * @param summary its summary line ({@code Plan: 1 to add, 0 to change, 0 to destroy.})
   * @param planFile the saved plan file, when one was asked for
   * @param comments the comment files written, in order
   */
  public record Result(String stack, String planId, boolean changes, String summary, Optional<Path> planFile,
      List<Path> comments) {}

  /**
   * How a plan run ended.
   *
   * @param exitCode 0 when planned, 1 for an error the user can fix (already printed on {@code err})
   * @param result the plan made, when there is one
   */
  public record Outcome(int exitCode, Optional<Result> result) {}

  /**
   * Plans {@code request}, prints the rendered plan to {@code out} and what it wrote and any error to
   * {@code err} (as {@code error: ...} lines, exit code 1). Unexpected failures (bugs) are thrown.
   */
  public static Outcome run(Request request, PrintWriter out, PrintWriter err) {
    AtomicReference<Result> made = new AtomicReference<>();
    int exitCode = CommandErrors.run(err, () -> {
      // a path the plan cannot be written to fails before any work, not after the plan is shown
      request.out().ifPresent(file -> FileProblems.checkOutputFile(file, "--out", "target/berth/plan.json"));
      request.commentDir().ifPresent(dir -> FileProblems.checkOutputDirectory(dir, "--comment-dir",
          "target/berth/comments"));
      try (StateRepository repo = StateRepository.open(request.state())) {
        DesiredState desired = request.desired().map(dir -> DesiredInput.read(dir, request.stack()))
            .orElseGet(() -> StateDiff.desiredFrom(declaredAt(repo, request.desiredFrom().orElseThrow(),
                request.stack())));
        Plan plan = new Planner(repo, new PlacementDryRun()).plan(desired, request.only())
            .withApplicationCommit(request.desired().flatMap(Attribution::applicationCommit));
        repo.remoteNotes().forEach(err::println);
        err.flush();
        out.print(render(plan, request.format(), request.colour()));
        // the plan is whole on standard output before any note on standard error
        out.flush();
        if (request.out().isPresent()) {
          writePlanFile(plan, request.out().get());
          err.println("Saved the plan to " + request.out().get() + "; apply it with: berth apply " + request.out().get());
        }
        List<Path> comments = new ArrayList<>();
        if (request.commentDir().isPresent()) {
          comments.addAll(writeComments(plan, request.commentDir().get()));
          err.println("Wrote " + comments.size() + " pull-request comment(s) to " + request.commentDir().get());
        }
        err.flush();
        made.set(new Result(plan.stack(), plan.planId(), plan.hasChanges(), plan.summary().line(), request.out(),
            List.copyOf(comments)));
        return 0;
      }
    });
    return new Outcome(exitCode, Optional.ofNullable(made.get()));
  }

  /** {@code plan} in {@code format}: what {@code berth plan} prints, and {@code berth show --plan}. */
  public static String render(Plan plan, Format format, boolean colour) {
    return switch (format) {
      case text -> TextRenderer.render(plan, colour);
      case markdown -> MarkdownRenderer.render(plan);
      case json -> JsonRenderer.render(plan);
    };
  }

  private static void writePlanFile(Plan plan, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, PlanFile.write(plan));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the plan file: " + FileProblems.describe(e, file) + "; choose a"
          + " path you can write with --out, e.g. --out target/berth/plan.json");
    }
  }

  /** Refuses {@code stack} unless {@code stacks}, those state commit {@code revision} holds, include it. */
  public static void requireStack(List<String> stacks, String revision, String stack) {
    if (!stacks.contains(stack)) {
      throw new IllegalArgumentException("state commit " + revision + " holds no stack '" + stack + "'; it holds "
          + (stacks.isEmpty() ? "none" : "'" + String.join("', '", stacks) + "'"));
    }
  }

  /** The declared state of the stack to plan back to: the one named, or the only one the commit holds. */
  private static io.berth.plans.DeclaredState declaredAt(StateRepository repo, String revision, Optional<String> stack) {
    List<String> stacks = repo.stacks(revision);
    if (stack.isPresent()) {
      requireStack(stacks, revision, stack.get());
      return repo.declaredAt(revision, stack.get());
    }
    if (stacks.size() != 1) {
      throw new IllegalArgumentException("state commit " + revision + " holds " + (stacks.isEmpty() ? "no stack"
          : "stacks '" + String.join("', '", stacks) + "'") + "; name the one to plan back to with --stack NAME");
    }
    return repo.declaredAt(revision, stacks.get(0));
  }

  /**
   * Writes {@code comment-1.md}, {@code comment-2.md}... each opening with its hidden
   * {@link CommentMarker}, and removes numbered parts a longer earlier plan left in the directory,
   * so that the directory holds exactly this plan's comments.
   */
  static List<Path> writeComments(Plan plan, Path dir) {
    try {
      return writeCommentFiles(plan, dir);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the comments: " + FileProblems.describe(e, dir) + "; choose a"
          + " directory you can write with --comment-dir, e.g. --comment-dir target/berth/comments");
    }
  }

  private static List<Path> writeCommentFiles(Plan plan, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> parts = Markdown.render(plan);
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      Path file = dir.resolve(commentFile(i + 1));
      Files.writeString(file, new CommentMarker(plan.stack(), i + 1, parts.size()).line() + "\n" + parts.get(i));
      written.add(file);
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path stale : files.filter(f -> commentPart(f.getFileName().toString()) > parts.size()).toList()) {
        Files.delete(stale);
      }
    }
    return written;
  }

  private static String commentFile(int part) {
    return "comment-" + part + ".md";
  }

  /** The part number of a {@code comment-N.md} file name, or 0 for any other name. */
  static int commentPart(String name) {
    if (!name.matches("comment-[1-9][0-9]{0,5}\\.md")) {
      return 0;
    }
    return Integer.parseInt(name.substring("comment-".length(), name.length() - ".md".length()));
  }
}
