package io.berth.engine.state;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;

/**
 * A state's Git remote and the local bare cache that mirrors it, through JGit's transports (its own
 * for {@code file}, {@code git}, {@code http(s)}; Apache MINA sshd for {@code ssh}).
 *
 * <p>{@link #fetch} brings {@code main} and {@code refs/berth/observed} into the cache. It never
 * forces {@code main}: a remote {@code main} that does not contain the cache's is a rewritten
 * history and is refused, never adopted. {@link #push} is a compare-and-swap: the receiving side
 * moves the ref only if it is still at the expected commit, and {@code main} is only ever moved
 * forward. One connection (one SSH session) serves a command's fetch and push.
 */
final class GitRemote implements AutoCloseable {
  /**
   * How old a lock file on the cache's main must be to count as left by a killed process: an update
   * holds it for milliseconds, so this is far beyond any live one, even on a loaded machine.
   */
  private static final Duration STALE_LOCK = Duration.ofSeconds(30);

  private final StateLocation.Remote location;
  private final StateAccess access;
  private final Path cache;
  private final Optional<SshSessions> ssh;
  private final Optional<HttpCredentials> http;
  private Transport transport;

  /** The refs the remote advertised at the last fetch, by name. */
  record Advertised(Map<String, ObjectId> refs) {
    Advertised {
      refs = Collections.unmodifiableMap(new TreeMap<>(refs));
    }

    Optional<ObjectId> main() {
      return Optional.ofNullable(refs.get(StateRepository.MAIN));
    }
  }

  /** How a compare-and-swap push ended. */
  enum Pushed {
    /** The remote's ref is the new commit now. */
    MOVED,
    /** The remote's ref was not where the push expected it: someone else wrote first. */
    LOST
  }

  GitRemote(StateLocation.Remote location, StateAccess access, Path cache) {
    this.location = location;
    this.access = access;
    this.cache = cache;
    this.ssh = location.scheme().equals("ssh") ? Optional.of(new SshSessions(access)) : Optional.empty();
    this.http = location.scheme().startsWith("http") ? Optional.of(new HttpCredentials(access)) : Optional.empty();
  }

  String url() {
    return location.url();
  }

  /**
   * Fetches {@code main} and {@code refs/berth/observed} into the cache {@code repo}: main only
   * forward, the observed ref replaced (it has no history). Returns every ref the remote has.
   *
   * <p>A new cache fetches only the tip of main (a shallow fetch of depth 1): a plan and an apply
   * read nothing older, and a fresh CI runner would otherwise fetch every apply ever made. Later
   * fetches bring the commits since, which connect to it; {@link #deepen} fetches older history
   * when {@code berth history} or {@code show main~N} asks for it.
   */
  synchronized Advertised fetch(Repository repo) {
    boolean fresh = GitRefs.read(repo, StateRepository.MAIN).isEmpty();
    return fetch(repo, fresh ? Optional.of(1) : Optional.empty(), false);
  }

  /** Fetches main's history down to {@code depth} commits (empty: all of it) into a shallow cache. */
  synchronized void deepen(Repository repo, Optional<Integer> depth) {
    fetch(repo, Optional.of(depth.orElse(Integer.MAX_VALUE)), true); // git's "infinite" depth
  }

  private Advertised fetch(Repository repo, Optional<Integer> depth, boolean always) {
    Map<String, ObjectId> advertised = new TreeMap<>();
    Transport transport;
    try {
      transport = transport(repo);
    } catch (IOException e) {
      throw failure("fetch the state from", e);
    }
    transport.setDepth(depth.orElse(null));
    try (FetchConnection connection = transport.openFetch()) {
      for (Ref ref : connection.getRefs()) {
        if (ref.getObjectId() != null) {
          advertised.put(ref.getName(), ref.getObjectId());
        }
      }
      List<Ref> wanted = new ArrayList<>();
      // the observed ref is fetched when deepening too: it is replaced below with what the remote has
      for (String name : List.of(StateRepository.MAIN, StateRepository.OBSERVED)) {
        Ref ref = connection.getRef(name);
        boolean missing = ref != null && ref.getObjectId() != null && !repo.getObjectDatabase().has(ref.getObjectId());
        if (ref != null && ref.getObjectId() != null && ((always && name.equals(StateRepository.MAIN)) || missing)) {
          wanted.add(ref);
        }
      }
      if (!wanted.isEmpty()) {
        connection.fetch(NullProgressMonitor.INSTANCE, wanted, Set.of());
      }
    } catch (IOException | RuntimeException e) {
      throw failure("fetch the state from", e);
    } finally {
      transport.setDepth((Integer) null);
    }
    Advertised refs = new Advertised(advertised);
    followMain(repo, refs.main());
    replace(repo, StateRepository.OBSERVED, Optional.ofNullable(advertised.get(StateRepository.OBSERVED)));
    return refs;
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Moves the cache's main forward to the remote's; a remote main that left it behind is refused. */
  private void followMain(Repository repo, Optional<ObjectId> remote) {
    for (int attempt = 0; attempt < 5; attempt++) {
      Optional<ObjectId> local = GitRefs.read(repo, StateRepository.MAIN);
      if (local.equals(remote)) {
        return;
      }
      if (remote.isEmpty()) {
        throw rewritten(local.get(), "main no longer exists there");
      }
      if (local.isPresent() && !contains(repo, remote.get(), local.get())) {
        throw rewritten(local.get(), "its main (" + remote.get().name() + ") does not contain that commit");
      }
      try {
        GitRefs.compareAndSwap(repo, StateRepository.MAIN, local, remote.get(), "berth fetch " + location.url());
        return;
      } catch (StaleStateException e) {
        // another berth process updated this cache at the same moment: look again
      } catch (StateLockedException e) {
        if (GitRefs.removeStaleLock(repo, StateRepository.MAIN, STALE_LOCK)) {
          continue; // its writer was killed mid-update (a cache is written by fetches only): the lock is garbage
        }
        pause();
      }
    }
    throw new StateException("cannot update the cache " + cache + ": other berth processes keep updating it; run the"
        + " command again");
  }

  private StateException rewritten(ObjectId local, String how) {
    return new StateException("the history of main on " + location.url() + " was rewritten: this cache ("
        + cache + ") holds commit " + local.name() + " but " + how + ". Berth never adopts a rewritten state"
        + " history. Restore main on the remote to a commit that contains " + local.name().substring(0, 12)
        + " (it is in this cache: git --git-dir " + cache + " push " + location.url() + " " + local.name()
        + ":refs/heads/main); only if the rewrite was deliberate, delete " + cache + " to start from the remote's"
        + " main; nothing was changed");
  }

  private static boolean contains(Repository repo, ObjectId tip, ObjectId commit) {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(tip));
    } catch (IOException e) {
      throw GitTrees.damaged(repo, "the history of main", e);
    }
  }

  /** Sets {@code ref} to {@code id}, or deletes it when empty: for refs the remote replaces at will. */
  private static void replace(Repository repo, String ref, Optional<ObjectId> id) {
    if (GitRefs.read(repo, ref).equals(id)) {
      return;
    }
    try {
      RefUpdate update = repo.updateRef(ref);
      update.setForceUpdate(true);
      if (id.isEmpty()) {
        update.delete();
      } else {
        update.setNewObjectId(id.get());
        update.update();
      }
    } catch (IOException e) {
      throw new StateException("cannot update " + ref + " in the cache " + repo.getDirectory() + " (" + GitTrees.why(e)
          + "); check the disk and run the command again", e);
    }
  }

  /**
   * Pushes {@code next} to {@code ref} if the remote's ref is still {@code expected} (empty: must
   * not exist): the receiving side checks it under its lock, so of two racing pushes one moves the
   * ref and the other is told it lost. Without {@code force} the new commit must descend from the
   * expected one. A connection that drops during the push is checked by fetching again: the push
   * is atomic, so the ref is either moved or not.
   */
  synchronized Pushed push(Repository repo, String ref, Optional<ObjectId> expected, ObjectId next, boolean force) {
    RemoteRefUpdate.Status status;
    String message;
    try {
      RemoteRefUpdate update = new RemoteRefUpdate(repo, null, next, ref, force, null,
          expected.orElse(ObjectId.zeroId()));
      PushResult result = transport(repo).push(NullProgressMonitor.INSTANCE, List.of(update));
      RemoteRefUpdate answer = result.getRemoteUpdate(ref);
      status = answer.getStatus();
      message = answer.getMessage();
    } catch (TransportException | RuntimeException e) {
      return afterBrokenPush(repo, ref, expected, next, e);
    } catch (IOException e) {
      throw failure("push " + ref + " to", e); // reading this cache's own objects failed
    }
    switch (status) {
      case OK, UP_TO_DATE -> {
        return Pushed.MOVED;
      }
      case REJECTED_REMOTE_CHANGED, REJECTED_NONFASTFORWARD -> {
        return Pushed.LOST;
      }
      default -> {
        // a rejection without a reason we know: a lost race if the ref moved, else the remote refuses
        Optional<ObjectId> now = Optional.ofNullable(fetch(repo).refs().get(ref));
        if (!now.equals(expected)) {
          return now.equals(Optional.of(next)) ? Pushed.MOVED : Pushed.LOST;
        }
        throw new StateException("the remote " + location.url() + " refused to move " + ref + " (" + status
            + (message == null ? "" : ": " + message) + "); check its hooks and branch protection (berth only ever"
            + " moves " + ref + " forward); nothing was changed");
      }
    }
  }

  private Pushed afterBrokenPush(Repository repo, String ref, Optional<ObjectId> expected, ObjectId next,
      Exception broken) {
    StateException explained = failure("push " + ref + " to", broken);
    closeTransport();
    Optional<ObjectId> now;
    try {
      now = Optional.ofNullable(fetch(repo).refs().get(ref));
    } catch (StateException again) {
      throw new StateException(explained.getMessage() + ". The push is atomic: " + location.url() + " holds either"
          + " the whole commit " + next.name().substring(0, 12) + " or nothing of it; look with berth history --state "
          + location.url() + " and run the command again, which is safe", broken);
    }
    if (now.equals(Optional.of(next))) {
      return Pushed.MOVED;
    }
    if (!now.equals(expected)) {
      return Pushed.LOST;
    }
    throw new StateException(explained.getMessage() + ". The remote's " + ref + " did not move (the push is atomic);"
        + " run the command again, which is safe", broken);
  }

  private Transport transport(Repository repo) throws TransportException {
    if (transport == null) {
      try {
        Transport opened = Transport.open(repo, location.uri());
        opened.setTimeout(60);
        opened.setTagOpt(TagOpt.NO_TAGS);
        opened.setPushThin(false);
        PackConfig pack = new PackConfig(repo);
        // the objects of a state commit are stored whole: searching deltas among thousands of new
        // documents costs more than it saves on a network that carries a state
        pack.setDeltaCompress(false);
        opened.setPackConfig(pack);
        http.ifPresent(opened::setCredentialsProvider);
        if (opened instanceof SshTransport sshTransport) {
          sshTransport.setSshSessionFactory(ssh.orElseGet(() -> new SshSessions(access)));
        }
        transport = opened;
      } catch (org.eclipse.jgit.errors.NotSupportedException e) {
        throw new StateException(location.url() + " uses a transport this berth does not support: " + e.getMessage(),
            e);
      }
    }
    return transport;
  }

  StateException failure(String doing, Throwable e) {
    if (e instanceof StateException known) {
      return known;
    }
    return RemoteFailures.explain(doing, e, new RemoteFailures.Context(location.url(), location.scheme(), cache,
        ssh.flatMap(SshSessions::refused), http.map(HttpCredentials::source).orElse(""),
        ssh.flatMap(SshSessions::keyFile)));
  }

  /** Ends the connection (an SSH session), keeping what was learnt; the next call connects again. */
  synchronized void closeTransport() {
    if (transport != null) {
      transport.close();
      transport = null;
    }
  }

  @Override
  public synchronized void close() {
    closeTransport();
    ssh.ifPresent(SshSessions::close);
  }
}
