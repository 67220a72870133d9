package io.berth.engine.state;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** The history of {@code main} as {@link StateCommit}s: author, time, summary and Berth's trailers. */
final class StateCommits {
  private StateCommits() {}

  /** The commits from {@code tip} back, newest first, at most {@code limit}. */
  static List<StateCommit> history(Repository repo, Optional<ObjectId> tip, int limit) {
    List<StateCommit> commits = new ArrayList<>();
    if (tip.isEmpty()) {
      return commits;
    }
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(tip.get()));
      for (RevCommit commit : walk) {
        if (commits.size() >= limit) {
          break;
        }
        commits.add(of(commit));
      }
      return commits;
    } catch (IOException | RevWalkException e) {
      // the walk's iterator wraps what it cannot read (an older commit missing or corrupt) unchecked
      throw GitTrees.damaged(repo, "the history of main", e);
    }
  }

  static StateCommit of(RevCommit commit) {
    PersonIdent author = commit.getAuthorIdent();
    return new StateCommit(commit.name(), commit.getCommitterIdent().getWhenAsInstant(),
        author.getName() + " <" + author.getEmailAddress() + ">", commit.getShortMessage(), commit.getFullMessage(),
        trailer(commit, ApplyCommit.TRAILER_PLAN_ID), trailer(commit, ApplyCommit.TRAILER_PLAN_DIGEST),
        trailer(commit, ApplyCommit.TRAILER_RUN), trailer(commit, ApplyCommit.TRAILER_APPLICATION_COMMIT),
        trailer(commit, ApplyCommit.TRAILER_VERSION));
  }

  private static Optional<String> trailer(RevCommit commit, String key) {
    return commit.getFooterLines(key).stream().findFirst().map(String::strip);
  }
}
