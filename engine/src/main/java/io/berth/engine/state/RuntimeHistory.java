package io.berth.engine.state;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Bounds the history of {@value StateRepository#RUNTIME}: once the ref holds {@code 2 × keep}
 * commits, its newest {@code keep} are written again on a new root (the same trees, messages,
 * authors and times; new parents), the ref is moved there by a compare-and-swap, and a garbage
 * collection in the background (JGit's, on a thread of its own) repacks the repository and deletes
 * what nothing reaches any more, at most once per {@link #GRACE}. So the ref never holds more than
 * {@code 2 × keep} commits and the repository never much more than their objects, the current state
 * and {@code main}, which is repacked but never rewritten. A rewrite costs {@code keep} small commit
 * objects, once every {@code keep} commits.
 *
 * <p>The collection deletes an unreachable object only when its file (loose, or the pack holding
 * it) is older than {@link #GRACE} by the store's clock: a writer that stored objects and has not
 * moved its ref yet (an apply, a fetch into a cache) keeps them. Runtime commits never rely on an
 * object they did not write or find in their base commit ({@link ObjectSink#forFreshCommit}), so
 * dropped history that happens to hold the same document is never what a new commit points to.
 */
final class RuntimeHistory implements AutoCloseable {
  /** Commits kept after a compaction; the ref holds between this and twice as many. */
  static final int KEEP = 250;
  /**
   * How old an unreachable object's file must be before a collection deletes it, and how long after
   * one collection the next may start (so each deletes the packs the one before wrote).
   */
  static final Duration GRACE = Duration.ofMinutes(2);
  private static final Logger LOG = Logger.getLogger(RuntimeHistory.class.getName());

  private final Repository repo;
  private final Clock clock;
  private final int keep;
  private final Duration grace;
  /** Commits on the ref as far as this history knows, -1 before it counted them. */
  private long length = -1;
  private CompletableFuture<Void> collection = CompletableFuture.completedFuture(null);
  /** When the last collection started, by the store's clock. */
  private Optional<Instant> collectedAt = Optional.empty();
  /** Whether history was dropped since the last collection started. */
  private boolean uncollected;
  private volatile boolean closed;

  RuntimeHistory(Repository repo, Clock clock) {
    this(repo, clock, KEEP, GRACE);
  }

  RuntimeHistory(Repository repo, Clock clock, int keep, Duration grace) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1, not " + keep);
    }
    this.repo = repo;
    this.clock = clock;
    this.keep = keep;
    this.grace = grace;
  }

  /**
   * Notes that {@code tip}, a child of the ref's previous tip, was just committed; compacts the
   * history when it reached its limit. Returns the ref's tip now: {@code tip}, or its rewritten copy
   * (the same tree) when the history was compacted.
   */
  synchronized ObjectId committed(ObjectId tip) {
    length = length < 0 ? count(tip, 2L * keep) : length + 1;
    if (closed) {
      return tip;
    }
    if (length < 2L * keep) {
      collectWhenDue();
      return tip;
    }
    try {
      ObjectId rewritten = rewrite(tip);
      GitRefs.compareAndSwap(repo, StateRepository.RUNTIME, Optional.of(tip), rewritten, "berth runtime: compacted",
          true);
      length = keep;
      uncollected = true;
      collectWhenDue();
      return rewritten;
    } catch (StateException e) {
      // another writer moved the ref, or the disk refused: the next commit tries again
      LOG.log(Level.WARNING, "could not compact the runtime history (" + e.getMessage() + "); will retry");
      length = -1;
      return tip;
    }
  }

  /** The collection started last (done at once when none was). */
  synchronized CompletableFuture<Void> lastCollection() {
    return collection;
  }

  /** The number of commits on the first-parent chain from {@code tip}, counting up to {@code limit}. */
  private long count(ObjectId tip, long limit) {
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setFirstParent(true);
      walk.markStart(walk.parseCommit(tip));
      long n = 0;
      while (n < limit && walk.next() != null) {
        n++;
      }
      return n;
    } catch (IOException e) {
      throw GitTrees.damaged(repo, "the history of " + StateRepository.RUNTIME, e);
    }
  }

  /** The newest {@link #keep} commits from {@code tip} written again, the oldest as a root; returns the new tip. */
  private ObjectId rewrite(ObjectId tip) {
    List<RevCommit> tail = new ArrayList<>(keep);
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setFirstParent(true);
      walk.markStart(walk.parseCommit(tip));
      for (RevCommit commit = walk.next(); commit != null && tail.size() < keep; commit = walk.next()) {
        tail.add(commit);
      }
    } catch (IOException e) {
      throw GitTrees.damaged(repo, "the history of " + StateRepository.RUNTIME, e);
    }
    Collections.reverse(tail);
    try (ObjectSink objects = ObjectSink.forFreshCommit(repo, tail.size())) {
      Optional<ObjectId> parent = Optional.empty();
      for (RevCommit old : tail) {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(old.getTree());
        commit.setAuthor(old.getAuthorIdent());
        commit.setCommitter(old.getCommitterIdent());
        commit.setEncoding(old.getEncoding());
        commit.setMessage(old.getFullMessage());
        parent.ifPresent(commit::setParentId);
        parent = Optional.of(objects.insert(Constants.OBJ_COMMIT, commit.build()));
      }
      objects.flush();
      return parent.orElseThrow();
    } catch (IOException e) {
      throw new StateException("cannot write to " + repo.getDirectory() + " (" + GitTrees.why(e) + "); the runtime"
          + " history was not compacted", e);
    }
  }

  /**
   * Starts a garbage collection on a thread of its own when history was dropped since the last one,
   * that one is done and started at least {@link #grace} ago.
   */
  private void collectWhenDue() {
    Instant now = clock.instant();
    if (!uncollected || !collection.isDone() || collectedAt.map(at -> now.isBefore(at.plus(grace))).orElse(false)
        || !(repo instanceof FileRepository files)) {
      return;
    }
    uncollected = false;
    collectedAt = Optional.of(now);
    CompletableFuture<Void> started = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        gc(files);
        started.complete(null);
      } catch (Exception | LinkageError e) {
        if (!closed) {
          LOG.log(Level.WARNING, "garbage collection of " + repo.getDirectory() + " failed (" + e + "); the runtime"
              + " history was compacted and the next compaction collects again");
        }
        started.completeExceptionally(e);
      }
    }, "berth-runtime-gc");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    collection = started;
    thread.start();
  }

  /**
   * JGit's repack (every reachable object into new packs, with deltas) and prune (unreachable loose
   * objects), without the reference packing of a full {@code gc}, which would take the ref's lock
   * under a committing control plane. Old packs and loose objects younger than the grace stay.
   */
  private void gc(FileRepository files) throws Exception {
    GC gc = new GC(files);
    java.util.Date expire = java.util.Date.from(clock.instant().minus(grace));
    gc.setExpire(expire);
    gc.setPackExpire(expire);
    // "now" keeps JGit from writing every unreachable object of a deleted pack back as a loose file
    // (which only a later collection would delete); the dates above still give the grace.
    files.getConfig().setString(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_PRUNEEXPIRE, "now");
    gc.repack();
    gc.prune(Set.of());
  }

  /** Stops compacting and waits a little for a running collection (it is safe to stop at any point). */
  @Override
  public void close() {
    closed = true;
    CompletableFuture<Void> running;
    synchronized (this) {
      running = collection;
    }
    try {
      running.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      // it failed (logged) or is still running on a daemon thread: stopping mid-way leaves only temporary files
    }
  }
}
