package io.berth.engine.comments;

import java.util.List;

/**
 * The comments of one pull request (GitHub) or merge request (GitLab), through the hosting
 * service's REST API: the four calls {@link CommentRun} needs.
 */
public sealed interface CommentThread permits GitHubThread, GitLabThread {
  /** Every comment, oldest first. */
  List<CommentSteps.Comment> list();

  /** Posts a comment; returns its id. */
  String create(String body);

  /** Replaces comment {@code id}'s text. */
  void update(String id, String body);

  /** Deletes comment {@code id}. */
  void delete(String id);

  /** What the run prints about this thread: {@code GitHub pull request acme/shop#12}. */
  String describe();
}
