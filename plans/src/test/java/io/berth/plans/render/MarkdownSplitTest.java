package io.berth.plans.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.model.DesiredState;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import io.berth.plans.LiveState;
import io.berth.plans.Plan;
import io.berth.plans.PlanFixtures;
import io.berth.plans.diff.StateDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A big plan becomes several pull-request comments, each valid Markdown on its own. */
class MarkdownSplitTest {
  static Plan bigPlan(int services) {
    List<TaskDefinition> definitions = new ArrayList<>();
    List<Service> list = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      definitions.add(PlanFixtures.taskDefinition("app-" + i, "shop/app-" + i + ":1.0", 128));
      list.add(PlanFixtures.service("app-" + i, "app-" + i, "EC2", 2));
    }
    DesiredState desired = new DesiredState(DesiredState.API_VERSION, "shop", List.of(PlanFixtures.cluster("prod")),
        List.of(), definitions, list, List.of());
    return StateDiff.plan(desired, LiveState.empty("shop"), "test");
  }

  @Test
  void eachPartStaysBelowGitHubsLimitAndFoldsAreBalanced() {
    List<String> parts = Markdown.render(bigPlan(800));

    assertThat(parts).hasSizeGreaterThan(1);
    assertThat(parts.get(0)).startsWith("**Plan: 1601 to add, 0 to change, 0 to destroy.**");
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      assertThat(part.length()).as("part %d", i + 1).isLessThan(65_536);
      assertThat(count(part, "<details>")).as("part %d", i + 1).isEqualTo(count(part, "</details>"));
      assertThat(count(part, "```") % 2).as("code fences of part %d", i + 1).isZero();
      if (i > 0) {
        assertThat(part).contains("part " + (i + 1) + " of " + parts.size());
      }
    }
  }

  @Test
  void diffLinesStartWithTheirMarker() {
    String markdown = MarkdownRenderer.render(GoldenRenderingTest.everyKindOfChange());
    Matcher blocks = Pattern.compile("```diff\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    int seen = 0;
    while (blocks.find()) {
      seen++;
      assertThat(blocks.group(1).lines()).allSatisfy(l -> assertThat(l).matches("^[-+#] .*"));
    }
    assertThat(seen).isGreaterThan(5);
  }

  @Test
  void aSmallPlanIsOneComment() {
    assertThat(Markdown.render(GoldenRenderingTest.everyKindOfChange())).hasSize(1);
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
      count++;
    }
    return count;
  }
}
