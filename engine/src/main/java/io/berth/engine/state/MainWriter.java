package io.berth.engine.state;

import io.berth.plans.DeclaredState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
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
  String apply(Optional<String> base, Map<String, String> reads, String stack, List<String> secrets,
      Supplier<Map<String, byte[]>> files, ApplyCommit message) {
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
      Map<String, ObjectId> stored = Map.of();
      if (tip.isPresent()) {
        ApplyBase read = applyBase(tip.get());
        stored = read.taskDefinitions();
        Optional<String> storedStack = read.stack();
        if (storedStack.isPresent() && !storedStack.get().equals(stack)) {
          throw new StateException("state repository " + where + " holds stack '" + storedStack.get() + "', not '"
              + stack + "'; keep one state repository per stack (use --state or BERTH_STATE)");
        }
      }
      if (content == null) {
        content = files.get();
      }
      Map<String, ObjectId> kept = keptRevisions(stored, content);
      ObjectId commit = GitTrees.commit(repo, content, kept, tip, message.message(), clock.instant(), author);
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

  /** The stored revisions an apply keeps: those it does not write again, unchanged (revisions are immutable). */
  private static Map<String, ObjectId> keptRevisions(Map<String, ObjectId> stored, Map<String, byte[]> content) {
    Map<String, ObjectId> kept = new TreeMap<>();
    for (Map.Entry<String, ObjectId> file : stored.entrySet()) {
      byte[] replacement = content.get(file.getKey());
      if (replacement != null && !GitTrees.blobId(replacement).equals(file.getValue())) {
        throw new StateException("task definition revision " + file.getKey() + " already exists with other"
            + " content and revisions are immutable; plan again so the change gets a new revision");
      }
      if (replacement == null) {
        kept.put(file.getKey(), file.getValue());
      }
    }
    return kept;
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

  /** Only task definition revisions carry over from the base of an apply; every other file is rewritten. */
  private ApplyBase applyBase(ObjectId tip) {
    state.checkLayout(tip);
    return new ApplyBase(tip, GitTrees.files(repo, tip, StateLayout.TASK_DEFINITIONS_DIR), state.stackAt(tip));
  }

  /** What an apply reads from its base commit (immutable, as the commit is). */
  private record ApplyBase(ObjectId tip, Map<String, ObjectId> taskDefinitions, Optional<String> stack) {}

}
