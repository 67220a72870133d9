package io.berth.engine.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Compare-and-swap ref updates with every {@link RefUpdate.Result} mapped to an outcome. JGit
 * reports both "the ref moved" and "someone holds the lock" as LOCK_FAILURE, so the ref is read
 * again to tell a stale write from a busy one.
 */
final class GitRefs {
  private GitRefs() {}

  static Optional<ObjectId> read(Repository repo, String ref) {
    try {
      Ref found = repo.exactRef(ref);
      return found == null || found.getObjectId() == null ? Optional.empty() : Optional.of(found.getObjectId());
    } catch (IOException e) {
      throw new StateException("cannot read " + ref + " in " + repo.getDirectory() + " (" + GitTrees.why(e) + ")"
          + "; check the repository with git --git-dir " + repo.getDirectory() + " fsck", e);
    }
  }

  /** Moves {@code ref} from {@code expected} (empty: the ref must not exist) to {@code next}. */
  static void compareAndSwap(Repository repo, String ref, Optional<ObjectId> expected, ObjectId next,
      String reflog) {
    compareAndSwap(repo, ref, expected, next, reflog, false);
  }

  /**
   * As {@link #compareAndSwap(Repository, String, Optional, ObjectId, String)}, also when {@code next}
   * does not descend from {@code expected} (a rewritten history: only the runtime ref's).
   */
  static void compareAndSwap(Repository repo, String ref, Optional<ObjectId> expected, ObjectId next,
      String reflog, boolean rewrite) {
    RefUpdate.Result result;
    try {
      RefUpdate update = repo.updateRef(ref);
      update.setForceUpdate(rewrite);
      update.setExpectedOldObjectId(expected.orElse(ObjectId.zeroId()));
      update.setNewObjectId(next);
      update.setRefLogMessage(reflog, false);
      result = update.update();
    } catch (IOException e) {
      throw new StateException("cannot update " + ref + " in " + repo.getDirectory() + " (" + GitTrees.why(e)
          + "); nothing was changed", e);
    }
    switch (result) {
      case NEW, FAST_FORWARD, FORCED -> {
        // FORCED cannot happen for a child of the expected commit, but it still means the CAS held.
      }
      case LOCK_FAILURE, REJECTED -> {
        Optional<ObjectId> now = read(repo, ref);
        if (!now.equals(expected)) {
          throw new StaleStateException(ref, name(expected), name(now));
        }
        throw new StateLockedException(repo.getDirectory().toString(), ref);
      }
      case NO_CHANGE -> throw new IllegalStateException(
          "a new commit cannot leave " + ref + " unchanged; this is a bug in berth");
      case REJECTED_MISSING_OBJECT -> throw new StateException("cannot move " + ref + " in "
          + repo.getDirectory() + ": the new commit is missing from the object database; nothing was changed");
      case IO_FAILURE -> throw new StateException("cannot move " + ref + " in " + repo.getDirectory()
          + ": I/O failure (disk full or permissions?); nothing was changed");
      case NOT_ATTEMPTED, RENAMED, REJECTED_CURRENT_BRANCH, REJECTED_OTHER_REASON ->
          throw new StateException("cannot move " + ref + " in " + repo.getDirectory() + ": JGit answered "
              + result + "; nothing was changed");
      default -> throw new StateException("cannot move " + ref + ": unknown result " + result);
    }
  }

  /**
   * Removes {@code ref}'s lock file if it is older than {@code olderThan} (by the file's time against
   * the machine's clock): true when it did. Only for refs whose writers hold the lock for
   * milliseconds, so that an old lock file can only be one a killed process left behind.
   */
  static boolean removeStaleLock(Repository repo, String ref, Duration olderThan) {
    Path lock = repo.getDirectory().toPath().resolve(ref + ".lock");
    try {
      FileTime modified = Files.getLastModifiedTime(lock);
      if (modified.toInstant().plus(olderThan).isAfter(Instant.now())) {
        return false;
      }
      return Files.deleteIfExists(lock);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new StateException("cannot remove the stale lock file " + lock + " (" + GitTrees.why(e) + "); check the"
          + " permissions, or remove it by hand if no berth process runs", e);
    }
  }

  static String name(Optional<ObjectId> id) {
    return id.map(ObjectId::name).orElse("none");
  }
}
