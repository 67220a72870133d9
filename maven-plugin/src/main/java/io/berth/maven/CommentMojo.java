package io.berth.maven;

import io.berth.engine.comments.CommentRun;
import java.io.File;
import java.util.Arrays;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn berth:comment}: {@code berth comment}, posting the comment files {@code berth:plan
 * -Dberth.commentDir=DIR} wrote to the pull request (GitHub) or merge request (GitLab) this CI job
 * runs for, editing the stack's earlier plan comments in place. The token comes only from
 * {@code GITHUB_TOKEN} or {@code GITLAB_TOKEN} in the environment.
 */
@Mojo(name = "comment", requiresProject = false, threadSafe = true)
public final class CommentMojo extends BerthMojo {
  /** The comment files' directory. */
  @Parameter(property = "berth.commentDir", defaultValue = "${project.build.directory}/berth/comments")
  File commentDir;

  /** github or gitlab; default: the CI this runs in. */
  @Parameter(property = "berth.service")
  String service;

  /** The REST API's root; default {@code GITHUB_API_URL} (else https://api.github.com) or {@code CI_API_V4_URL}. */
  @Parameter(property = "berth.api")
  String api;

  /** OWNER/NAME on GitHub, the project id or path on GitLab; default {@code GITHUB_REPOSITORY} or {@code CI_PROJECT_ID}. */
  @Parameter(property = "berth.repository")
  String repository;

  /** The pull request's number or merge request's iid; default from {@code GITHUB_REF} or {@code CI_MERGE_REQUEST_IID}. */
  @Parameter(property = "berth.number")
  Integer number;

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("Skipping berth:comment (berth.skip)");
      return;
    }
    Optional<CommentRun.Service> chosen = Optional.empty();
    if (service != null) {
      chosen = Optional.of(Arrays.stream(CommentRun.Service.values()).filter(s -> s.name().equals(service)).findFirst()
          .orElseThrow(() -> new MojoFailureException("berth.service " + service + " is not one of github, gitlab")));
    }
    CommentRun.Request request = new CommentRun.Request(commentDir.toPath(), chosen, Optional.ofNullable(api),
        Optional.ofNullable(repository), Optional.ofNullable(number));
    report("posting " + commentDir, (out, err) -> CommentRun.run(request, System.getenv(), out, err));
  }
}
