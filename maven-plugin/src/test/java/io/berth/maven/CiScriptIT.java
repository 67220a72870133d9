package io.berth.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.comments.CommentsApiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell step both CI workflows run ({@code examples/ci/berth-ci.sh}), in a fresh project built
 * from the README's snippet against a local state, with GitHub's and GitLab's comment APIs played by
 * a loopback stand-in: the files it leaves, the outputs it sets, its exit codes, and one plan comment
 * per pull request edited in place.
 */
class CiScriptIT {
  static final Path EXAMPLES = AppProject.ROOT.resolve("examples/ci");

  @TempDir Path tmp;

  @Test
  void bothWorkflowsRunTheScriptForPlanAndApplyWithOneApplyPerStackAtATime() throws Exception {
    String github = Files.readString(EXAMPLES.resolve("github-actions.yml"));
    String gitlab = Files.readString(EXAMPLES.resolve("gitlab-ci.yml"));

    for (String workflow : List.of(github, gitlab)) {
      assertThat(workflow).contains("sh ci/berth-ci.sh plan").contains("sh ci/berth-ci.sh apply")
          .doesNotContain("git clone").doesNotContain("berth.git");
    }
    assertThat(github).contains("group: berth-apply-webapp").contains("cancel-in-progress: false")
        .contains("pull-requests: write").contains("GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}");
    assertThat(gitlab).contains("resource_group: berth-apply-webapp")
        .contains("$CI_PIPELINE_SOURCE == \"merge_request_event\"").contains("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH");
  }

  @Test
  void planCommentsOnceAndEditsInPlaceApplyAppliesAndFailuresExitOne() throws Exception {
    AppProject app = AppProject.create(tmp.resolve("shop"), AppProject.readmeSnippet(), 2);
    Files.createDirectories(app.dir.resolve("ci"));
    Files.copy(EXAMPLES.resolve("berth-ci.sh"), app.dir.resolve("ci/berth-ci.sh"));
    Path state = tmp.resolve("state");
    assertThat(app.berth("init", "--state", state.toString()).exitCode()).isZero();
    Path outputs = tmp.resolve("github-output");
    Path summary = tmp.resolve("github-summary");

    try (CommentsApiStub stub = new CommentsApiStub()) {
      Map<String, String> pullRequest = env(state, Map.of("GITHUB_ACTIONS", "true", "GITHUB_EVENT_NAME", "pull_request",
          "GITHUB_REPOSITORY", "acme/shop", "GITHUB_REF", "refs/pull/5/merge", "GITHUB_API_URL", stub.gitHubApi(),
          "GITHUB_TOKEN", CommentsApiStub.TOKEN, "GITHUB_OUTPUT", outputs.toString(),
          "GITHUB_STEP_SUMMARY", summary.toString()));
      String thread = "github:acme/shop#5";

      AppProject.Run first = script(app, pullRequest, "plan");

      assertThat(first.exitCode()).as(first.output()).isZero();
      assertThat(first.output()).contains("Plan: 3 to add, 0 to change, 0 to destroy.").contains("berth: changes=true");
      assertThat(app.dir.resolve("target/berth/plan.json")).exists();
      assertThat(Files.readString(app.dir.resolve("target/berth/plan-result.json"))).contains("\"changes\": true");
      assertThat(Files.readString(outputs)).isEqualTo("changes=true\n");
      assertThat(Files.readString(summary)).contains("<!-- berth:plan stack=shop part=1/1 -->").contains("3 to add");
      assertThat(stub.comments(thread)).hasSize(1);
      long comment = stub.comments(thread).get(0).id();

      app.setCount(3);
      AppProject.Run pushed = script(app, pullRequest, "plan");

      assertThat(pushed.exitCode()).as(pushed.output()).isZero();
      assertThat(stub.comments(thread)).singleElement().satisfies(c -> {
        assertThat(c.id()).isEqualTo(comment);
        assertThat(c.body()).contains("desiredCount = 3");
      });
      assertThat(stub.calls()).contains("PATCH /repos/acme/shop/issues/comments/" + comment);

      Map<String, String> merged = env(state, Map.of("GITHUB_ACTIONS", "true", "GITHUB_EVENT_NAME", "push",
          "GITHUB_REF", "refs/heads/main", "GITHUB_REPOSITORY", "acme/shop"));
      int callsBeforeApply = stub.calls().size();
      AppProject.Run apply = script(app, merged, "apply");

      assertThat(apply.exitCode()).as(apply.output()).isZero();
      assertThat(apply.output()).contains("Applied plan-").contains("3 to add");
      assertThat(app.berth("history", "--state", state.toString()).output()).contains("Plan: 3 to add");
      assertThat(stub.calls()).hasSize(callsBeforeApply);

      Map<String, String> mergeRequest = env(state, Map.of("GITLAB_CI", "true", "CI_API_V4_URL", stub.gitLabApi(),
          "CI_PROJECT_ID", "42", "CI_MERGE_REQUEST_IID", "9", "GITLAB_TOKEN", CommentsApiStub.TOKEN));
      AppProject.Run unchanged = script(app, mergeRequest, "plan");

      assertThat(unchanged.exitCode()).as(unchanged.output()).isZero();
      assertThat(unchanged.output()).contains("berth: changes=false");
      assertThat(Files.readString(app.dir.resolve("target/berth/plan-result.json"))).contains("\"changes\": false");
      assertThat(stub.comments("gitlab:42!9")).singleElement()
          .satisfies(c -> assertThat(c.body()).contains("Plan: 0 to add, 0 to change, 0 to destroy."));

      int callsBeforeFailure = stub.calls().size();
      Map<String, String> broken = new HashMap<>(pullRequest);
      broken.put("BERTH_STATE", tmp.resolve("no-such-state").toString());
      AppProject.Run failed = script(app, broken, "plan");

      assertThat(failed.exitCode()).isEqualTo(1);
      assertThat(failed.output()).contains(tmp.resolve("no-such-state").toString()).contains("BUILD FAILURE");
      assertThat(app.dir.resolve("target/berth/plan-result.json")).doesNotExist();
      assertThat(stub.calls()).hasSize(callsBeforeFailure);
    }

    AppProject.Run usage = script(app, env(state, Map.of()), "deploy");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.output()).contains("usage: ci/berth-ci.sh plan|apply");
  }

  private static AppProject.Run script(AppProject app, Map<String, String> env, String step) throws Exception {
    return app.run(List.of("sh", "ci/berth-ci.sh", step), env);
  }

  /** What the CI job's environment holds, and where the script finds the Maven under test. */
  private static Map<String, String> env(Path state, Map<String, String> ci) throws Exception {
    Map<String, String> env = new HashMap<>(ci);
    env.put("BERTH_STATE", state.toString());
    env.put("BERTH_MVN", AppProject.Maven.V39.command);
    env.put("BERTH_MAVEN_ARGS", String.join(" ", AppProject.mavenArgs()));
    return env;
  }
}
