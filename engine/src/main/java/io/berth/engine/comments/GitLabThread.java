package io.berth.engine.comments;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A GitLab merge request's notes ({@code /projects/ID/merge_requests/IID/notes[/NOTE]}), authenticated
 * with a project or personal access token with the {@code api} scope (GitLab's job token cannot
 * write notes). System notes (GitLab's own "added 1 commit") are never listed as comments.
 */
public final class GitLabThread implements CommentThread {
  private static final int PAGE = 100;

  private final URI api;
  private final String project;
  private final int number;
  private final RestCalls calls;

  private GitLabThread(URI api, String project, int number, RestCalls calls) {
    this.api = api;
    this.project = project;
    this.number = number;
    this.calls = calls;
  }

  /** The notes of merge request {@code number} of {@code project}, posting with {@code token}. */
  public static GitLabThread of(URI api, String project, int number, String token) {
    return new GitLabThread(api, project, number, new RestCalls("GitLab", Map.of("PRIVATE-TOKEN", token),
        "check GITLAB_TOKEN: a project access token with the api scope and at least the Reporter role"));
  }

  @Override
  public List<CommentSteps.Comment> list() {
    List<CommentSteps.Comment> all = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode notes = calls.send("GET", uri("?sort=asc&order_by=created_at&per_page=" + PAGE + "&page=" + page), null);
      for (JsonNode note : notes) {
        if (!note.path("system").asBoolean(false)) {
          all.add(new CommentSteps.Comment(note.path("id").asText(), note.path("body").asText("")));
        }
      }
      if (notes.size() < PAGE) {
        return all;
      }
    }
  }

  @Override
  public String create(String body) {
    return calls.send("POST", uri(""), Map.of("body", body)).path("id").asText();
  }

  @Override
  public void update(String id, String body) {
    calls.send("PUT", uri("/" + id), Map.of("body", body));
  }

  @Override
  public void delete(String id) {
    calls.send("DELETE", uri("/" + id), null);
  }

  @Override
  public String describe() {
    return "GitLab merge request " + project + "!" + number;
  }

  private URI uri(String rest) {
    return URI.create(api.toString().replaceAll("/+$", "") + "/projects/"
        + URLEncoder.encode(project, StandardCharsets.UTF_8) + "/merge_requests/" + number + "/notes" + rest);
  }
}
