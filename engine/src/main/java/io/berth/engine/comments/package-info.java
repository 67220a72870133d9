/**
 * One plan comment per stack on a pull request, edited in place on every push: the pure
 * {@link io.berth.engine.comments.CommentSteps} (which comments to post, edit or delete, by the
 * marker each comment file opens with) and the shell that calls GitHub's issue comments API or
 * GitLab's merge request notes API ({@link io.berth.engine.comments.CommentRun}).
 */
package io.berth.engine.comments;
