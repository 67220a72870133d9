package io.berth.engine.state;

import io.berth.plans.DeclaredState;
import io.berth.plans.file.TargetDocuments;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import java.time.Clock;

/**
 * Writes {@code main} for a {@link StateRepository}: the concurrency rule of an apply (nothing the
 * plan read has changed, else {@link StateMovedException}; the commit goes on the current tip; a
 * compare-and-swap publishes it, locally or as a push; a lost race is re-read and re-checked, at
 * most {@link StateRepository#APPLY_ATTEMPTS} times) and the read-ahead of what a commit needs.
 */
final class MainWriter {
  private final StateRepository state;
  private final Repository repo;
  private final String where;
  private final Clock clock;
  private final Optional<GitRemote> remote;

  MainWriter(StateRepository state, Repository repo, String where, Clock clock, Optional<GitRemote> remote) {
    this.state = state;
    this.repo = repo;
    this.where = where;
    this.clock = clock;
    this.remote = remote;
  }

  /** See {@link StateRepository#apply(Optional, Map, DeclaredState, ApplyCommit)}; {@code reads} is not empty. */
  String apply(Optional<String> base, Map<String, String> reads, TargetDocuments target, ApplyCommit message) {
    List<String> secrets = target.plainTextSecrets();
    if (!secrets.isEmpty()) {
      throw new StateException(String.join("\n", secrets));
    }
    Map<String, byte[]> content = null;
    PersonIdent author = new PersonIdent(message.attribution().name(), message.attribution().email());
    for (int attempt = 1; ; attempt++) {
      Optional<ObjectId> tip = state.tipId();
      List<String> changed = StateReads.changed(repo, tip, reads);
      if (!changed.isEmpty()) {
        throw new StateMovedException(base.orElse("none"), GitRefs.name(tip), changed);
      }
      if (content == null) {
        content = StateLayout.files(target);
      }
      ObjectId commit = commitOn(tip, target, content, message.message(), author);
      try {
        if (publish(StateRepository.MAIN, tip, commit, "berth apply " + message.planId())) {
          return commit.name();
        }
      } catch (StateLockedException e) {
        if (attempt == StateRepository.APPLY_ATTEMPTS) {
          throw e; // a lock held all along: likely left by a crashed writer, which the message explains
        }
      }
      if (attempt == StateRepository.APPLY_ATTEMPTS) {
        throw new StateException("gave up after " + StateRepository.APPLY_ATTEMPTS + " attempts: other writers kept"
            + " moving main of " + where + " while this apply wrote; nothing was applied. Run the command again");
      }
      pause(attempt);
      state.refresh();
    }
  }

  /** The apply's commit on {@code tip}; a layout 1 tip is first moved into layout 2 by a commit of its own. */
  private ObjectId commitOn(Optional<ObjectId> tip, TargetDocuments target, Map<String, byte[]> content,
      String message, PersonIdent author) {
    if (tip.isEmpty()) {
      return StackWrite.apply(repo, Optional.empty(), target, content, message, clock.instant(), author, where);
    }
    try (StateView view = StateView.at(repo, tip.get(), where)) {
      if (view.version() != StateLayout.ONE_STACK) {
        return StackWrite.apply(repo, Optional.of(view), target, content, message, clock.instant(), author, where);
      }
      ObjectId migrated = StackWrite.migrate(repo, view, clock.instant(), message.lines()
          .filter(l -> l.startsWith(ApplyCommit.TRAILER_VERSION + ": ")).findFirst()
          .map(l -> l.substring(ApplyCommit.TRAILER_VERSION.length() + 2)).orElse(StateRepository.version()));
      try (StateView moved = StateView.at(repo, migrated, where)) {
        return StackWrite.apply(repo, Optional.of(moved), target, content, message, clock.instant(), author, where);
      }
    }
  }

  /**
   * Moves {@code ref} from {@code expected} to {@code next}: a local compare-and-swap, or for a
   * remote state a compare-and-swap push, after which the cache follows. False when the ref was
   * not at {@code expected}: nothing moved.
   *
   * @throws StateLockedException when another writer holds the local ref's lock at this moment
   */
  boolean publish(String ref, Optional<ObjectId> expected, ObjectId next, String reflog) {
    if (remote.isEmpty()) {
      try {
        GitRefs.compareAndSwap(repo, ref, expected, next, reflog);
        return true;
      } catch (StaleStateException e) {
        return false;
      }
    }
    if (remote.get().push(repo, ref, expected, next, false) == GitRemote.Pushed.LOST) {
      return false;
    }
    try {
      GitRefs.compareAndSwap(repo, ref, expected, next, reflog);
    } catch (StaleStateException | StateLockedException e) {
      // the cache already follows (a fetch got there first); the next fetch settles it either way
    }
    return true;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep((20L << attempt) + ThreadLocalRandom.current().nextLong(20L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateException("interrupted while retrying an apply; nothing was applied", e);
    }
  }

}
