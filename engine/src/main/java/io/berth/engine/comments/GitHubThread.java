package io.berth.engine.comments;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A GitHub pull request's conversation: its issue comments ({@code /repos/OWNER/NAME/issues/N/comments},
 * {@code /repos/OWNER/NAME/issues/comments/ID}), authenticated with a token that may write pull requests.
 */
public final class GitHubThread implements CommentThread {
  private static final int PAGE = 100;

  private final URI api;
  private final String repository;
  private final int number;
  private final RestCalls calls;

  private GitHubThread(URI api, String repository, int number, RestCalls calls) {
    this.api = api;
    this.repository = repository;
    this.number = number;
    this.calls = calls;
  }

  /** The thread of pull request {@code number} in {@code repository}, posting with {@code token}. */
  public static GitHubThread of(URI api, String repository, int number, String token) {
    return new GitHubThread(api, repository, number, new RestCalls("GitHub", Map.of("Authorization", "Bearer " + token,
        "Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28"),
        "check GITHUB_TOKEN: the workflow needs permissions: pull-requests: write (a pull request from a fork"
            + " gets a read-only token)"));
  }

  @Override
  public List<CommentSteps.Comment> list() {
    List<CommentSteps.Comment> all = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode comments = calls.send("GET", uri("/issues/" + number + "/comments?per_page=" + PAGE + "&page=" + page), null);
      for (JsonNode comment : comments) {
        all.add(new CommentSteps.Comment(comment.path("id").asText(), comment.path("body").asText("")));
      }
      if (comments.size() < PAGE) {
        return all;
      }
    }
  }

  @Override
  public String create(String body) {
    return calls.send("POST", uri("/issues/" + number + "/comments"), Map.of("body", body)).path("id").asText();
  }

  @Override
  public void update(String id, String body) {
    calls.send("PATCH", uri("/issues/comments/" + id), Map.of("body", body));
  }

  @Override
  public void delete(String id) {
    calls.send("DELETE", uri("/issues/comments/" + id), null);
  }

  @Override
  public String describe() {
    return "GitHub pull request " + repository + "#" + number;
  }

  private URI uri(String path) {
    return URI.create(api.toString().replaceAll("/+$", "") + "/repos/" + repository + path);
  }
}
