package io.berth.engine.comments;

import io.berth.plans.render.CommentMarker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to do to a pull request's comments so that it shows exactly one plan for a stack: the pure
 * core of {@link CommentRun}. Part N of the new plan edits the comment that holds part N of the
 * stack's earlier plan (found by its {@link CommentMarker}), or is posted when there is none; earlier
 * parts beyond the new plan's, and duplicates of a part, are deleted. A part whose text is already
 * there is left alone. Comments without Berth's marker, or for another stack, are never touched.
 */
public final class CommentSteps {
  private CommentSteps() {}

  /**
   * A comment as the hosting service lists it.
   *
   * @param id the service's id of the comment
   * @param body its text
   */
  public record Comment(String id, String body) {}

  /** One call to the hosting service's comments API. */
  public sealed interface Step {}

  /**
   * Post a new comment.
   *
   * @param part the plan part it holds
   * @param body its text
   */
  public record Create(int part, String body) implements Step {}

  /**
   * Replace a comment's text.
   *
   * @param part the plan part it now holds
   * @param id the comment's id
   * @param body the new text
   */
  public record Update(int part, String id, String body) implements Step {}

  /**
   * Delete a comment that holds a part the plan no longer has (or a second copy of a part).
   *
   * @param id the comment's id
   */
  public record Delete(String id) implements Step {}

  /** The steps that take {@code existing} (in the order the service lists them) to {@code parts} for {@code stack}. */
  public static List<Step> plan(String stack, List<Comment> existing, List<String> parts) {
    List<Step> steps = new ArrayList<>();
    List<Comment> ours = existing.stream()
        .filter(c -> CommentMarker.of(c.body()).map(m -> m.stack().equals(stack)).orElse(false)).toList();
    Set<String> kept = new HashSet<>();
    for (int part = 1; part <= parts.size(); part++) {
      String body = parts.get(part - 1);
      Optional<Comment> earlier = partOf(ours, part);
      if (earlier.isEmpty()) {
        steps.add(new Create(part, body));
      } else {
        kept.add(earlier.get().id());
        if (!normalised(earlier.get().body()).equals(normalised(body))) {
          steps.add(new Update(part, earlier.get().id(), body));
        }
      }
    }
    ours.stream().filter(c -> !kept.contains(c.id())).forEach(c -> steps.add(new Delete(c.id())));
    return steps;
  }

  private static Optional<Comment> partOf(List<Comment> ours, int part) {
    return ours.stream().filter(c -> CommentMarker.of(c.body()).orElseThrow().part() == part).findFirst();
  }

  /** Services may store line ends as CRLF and drop the final newline. */
  private static String normalised(String body) {
    return body.replace("\r\n", "\n").strip();
  }
}
