package io.berth.engine.comments;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.comments.CommentSteps.Comment;
import io.berth.engine.comments.CommentSteps.Create;
import io.berth.engine.comments.CommentSteps.Delete;
import io.berth.engine.comments.CommentSteps.Update;
import io.berth.plans.render.CommentMarker;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommentStepsTest {
  static String part(String stack, int part, int parts, String text) {
    return new CommentMarker(stack, part, parts).line() + "\n" + text + "\n";
  }

  @Test
  void aFirstPlanPostsEveryPart() {
    List<String> parts = List.of(part("web", 1, 2, "a"), part("web", 2, 2, "b"));

    assertThat(CommentSteps.plan("web", List.of(new Comment("1", "LGTM")), parts))
        .containsExactly(new Create(1, parts.get(0)), new Create(2, parts.get(1)));
  }

  @Test
  void aNewPlanEditsTheEarlierPartsInPlaceAndLeavesUnchangedOnesAlone() {
    List<Comment> existing = List.of(new Comment("7", part("web", 1, 2, "old")), new Comment("8", "LGTM"),
        new Comment("9", part("web", 2, 2, "b")));
    List<String> parts = List.of(part("web", 1, 2, "new"), part("web", 2, 2, "b"));

    assertThat(CommentSteps.plan("web", existing, parts)).containsExactly(new Update(1, "7", parts.get(0)));
  }

  @Test
  void aShorterPlanDeletesThePartsItNoLongerHasAndDuplicatesOfAPart() {
    List<Comment> existing = List.of(new Comment("7", part("web", 1, 3, "a")), new Comment("8", part("web", 2, 3, "b")),
        new Comment("9", part("web", 3, 3, "c")), new Comment("10", part("web", 1, 3, "a again")));

    List<CommentSteps.Step> steps = CommentSteps.plan("web", existing, List.of(part("web", 1, 1, "short")));

    assertThat(steps).containsExactly(new Update(1, "7", part("web", 1, 1, "short")), new Delete("8"), new Delete("9"),
        new Delete("10"));
  }

  @Test
  void anotherStacksCommentsAndTextWithoutTheMarkerAreNeverTouched() {
    List<Comment> existing = List.of(new Comment("1", part("batch", 1, 1, "x")),
        new Comment("2", "quoting it: " + part("web", 1, 1, "x")));

    assertThat(CommentSteps.plan("web", existing, List.of(part("web", 1, 1, "y"))))
        .containsExactly(new Create(1, part("web", 1, 1, "y")));
  }

  @Test
  void lineEndsTheServiceRewroteDoNotCountAsAChange() {
    List<Comment> existing = List.of(new Comment("1", part("web", 1, 1, "a\nb").replace("\n", "\r\n").strip()));

    assertThat(CommentSteps.plan("web", existing, List.of(part("web", 1, 1, "a\nb")))).isEmpty();
  }

  @Test
  void theMarkerRoundTripsAndRefusesWhatIsNotOne() {
    CommentMarker marker = new CommentMarker("web-1", 2, 3);

    assertThat(CommentMarker.of(marker.line() + "\nbody")).contains(marker);
    assertThat(CommentMarker.of("<!-- berth:plan stack=web part=4/3 -->")).isEmpty();
    assertThat(CommentMarker.of("text\n" + marker.line())).isEmpty();
  }
}
