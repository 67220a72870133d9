package io.berth.engine.comments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comment step against a loopback stand-in of GitHub's issue comments API and GitLab's merge
 * request notes API: one plan comment per stack, edited in place on the next push, shortened by
 * deleting parts, nobody else's comments touched.
 */
class CommentRunTest {
  static final Map<String, String> GITHUB_ACTIONS = Map.of("GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", "acme/shop",
      "GITHUB_REF", "refs/pull/12/merge", "GITHUB_TOKEN", CommentsApiStub.TOKEN);

  @TempDir Path tmp;
  CommentsApiStub stub;

  @BeforeEach
  void start() throws IOException {
    stub = new CommentsApiStub();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  record Run(int exitCode, String out, String err) {}

  Run run(Path dir, Map<String, String> env) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CommentRun.run(new CommentRun.Request(dir, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty()), env, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  Path plan(String name, String stack, String... texts) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (int i = 0; i < texts.length; i++) {
      Files.writeString(dir.resolve("comment-" + (i + 1) + ".md"),
          CommentStepsTest.part(stack, i + 1, texts.length, texts[i]));
    }
    return dir;
  }

  Map<String, String> github() {
    Map<String, String> env = new java.util.HashMap<>(GITHUB_ACTIONS);
    env.put("GITHUB_API_URL", stub.gitHubApi());
    return env;
  }

  @Test
  void onGitHubASecondPushEditsTheFirstCommentAndAShorterPlanDeletesTheExtraPart() throws IOException {
    String thread = "github:acme/shop#12";
    long review = stub.seed(thread, "Looks good to me", false);

    Run first = run(plan("v1", "web", "Plan: 1 to add", "part two"), github());

    assertThat(first.exitCode()).as(first.err()).isZero();
    List<CommentsApiStub.Stored> posted = stub.comments(thread);
    assertThat(posted).hasSize(3);
    assertThat(first.out()).contains("Posted comment " + posted.get(1).id() + " on GitHub pull request acme/shop#12"
        + " (stack web, part 1 of 2)");

    Run second = run(plan("v2", "web", "Plan: 2 to add", "part two"), github());

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(stub.comments(thread)).extracting(CommentsApiStub.Stored::id)
        .containsExactly(review, posted.get(1).id(), posted.get(2).id());
    assertThat(stub.comments(thread).get(1).body()).contains("Plan: 2 to add");
    assertThat(second.out()).contains("Updated comment " + posted.get(1).id()).doesNotContain("Posted");
    assertThat(stub.calls()).contains("PATCH /repos/acme/shop/issues/comments/" + posted.get(1).id())
        .filteredOn(c -> c.startsWith("POST")).hasSize(2);

    Run third = run(plan("v3", "web", "No changes."), github());

    assertThat(third.exitCode()).as(third.err()).isZero();
    assertThat(stub.comments(thread)).extracting(CommentsApiStub.Stored::id).containsExactly(review, posted.get(1).id());
    assertThat(stub.calls()).contains("DELETE /repos/acme/shop/issues/comments/" + posted.get(2).id());
    assertThat(third.out()).contains("Deleted comment " + posted.get(2).id());

    Run again = run(plan("v4", "web", "No changes."), github());

    assertThat(again.out()).contains("already shows this plan of stack web (1 comment(s))");
  }

  @Test
  void theEarlierCommentIsFoundBeyondTheFirstPageOfAPullRequestsComments() throws IOException {
    String thread = "github:acme/shop#12";
    for (int i = 0; i < 150; i++) {
      stub.seed(thread, "comment " + i, false);
    }
    assertThat(run(plan("v1", "web", "one"), github()).exitCode()).isZero();

    Run second = run(plan("v2", "web", "two"), github());

    assertThat(second.out()).contains("Updated comment");
    assertThat(stub.comments(thread)).hasSize(151);
  }

  @Test
  void onGitLabTheNotesOfTheMergeRequestAreEditedInPlaceAndSystemNotesIgnored() throws IOException {
    String thread = "gitlab:group%2Fshop!7";
    stub.seed(thread, "added 1 commit", true);
    Map<String, String> env = Map.of("GITLAB_CI", "true", "CI_API_V4_URL", stub.gitLabApi(), "CI_PROJECT_ID",
        "group/shop", "CI_MERGE_REQUEST_IID", "7", "GITLAB_TOKEN", CommentsApiStub.TOKEN);

    assertThat(run(plan("v1", "web", "a", "b", "c"), env).exitCode()).isZero();
    List<CommentsApiStub.Stored> first = stub.comments(thread);
    Run second = run(plan("v2", "web", "a2", "b"), env);

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(stub.comments(thread)).extracting(CommentsApiStub.Stored::id)
        .containsExactly(first.get(0).id(), first.get(1).id(), first.get(2).id());
    assertThat(stub.comments(thread).get(1).body()).contains("a2").contains("part=1/2");
    assertThat(stub.calls()).contains("PUT /api/v4/projects/group%2Fshop/merge_requests/7/notes/" + first.get(1).id(),
        "DELETE /api/v4/projects/group%2Fshop/merge_requests/7/notes/" + first.get(3).id());
    assertThat(second.out()).contains("GitLab merge request group/shop!7");
  }

  @Test
  void twoStacksKeepTheirOwnComments() throws IOException {
    assertThat(run(plan("web", "web", "web plan"), github()).exitCode()).isZero();
    assertThat(run(plan("batch", "batch", "batch plan"), github()).exitCode()).isZero();

    run(plan("web2", "web", "web plan 2"), github());

    assertThat(stub.comments("github:acme/shop#12")).extracting(CommentsApiStub.Stored::body)
        .anySatisfy(b -> assertThat(b).contains("web plan 2"))
        .anySatisfy(b -> assertThat(b).contains("batch plan"))
        .hasSize(2);
  }

  @Test
  void aRefusedTokenAndMissingSettingsSayWhatToFix() throws IOException {
    Path dir = plan("v1", "web", "a");
    Map<String, String> wrongToken = new java.util.HashMap<>(github());
    wrongToken.put("GITHUB_TOKEN", "nope");
    Map<String, String> noToken = new java.util.HashMap<>(github());
    noToken.remove("GITHUB_TOKEN");
    Map<String, String> push = new java.util.HashMap<>(github());
    push.put("GITHUB_REF", "refs/heads/main");

    assertThat(run(dir, wrongToken).err()).contains("GitHub answered 401 to GET").contains("check GITHUB_TOKEN")
        .contains("pull-requests: write");
    assertThat(run(dir, noToken).err()).contains("GITHUB_TOKEN is not set");
    assertThat(run(dir, push).err()).contains("the pull request number");
    assertThat(run(dir, Map.of()).err()).contains("--service github|gitlab");
    assertThat(run(tmp.resolve("none"), github()).err()).contains("berth plan --comment-dir");
    Files.writeString(dir.resolve("comment-3.md"), "stray");
    Run mixed = run(dir, github());
    assertThat(mixed.exitCode()).isEqualTo(1);
    assertThat(mixed.err()).contains("is not part 1 of 2 of one plan");
    assertThat(stub.comments("github:acme/shop#12")).isEmpty();
  }
}
