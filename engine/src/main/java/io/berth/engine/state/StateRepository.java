package io.berth.engine.state;

import io.berth.model.DesiredState;
import io.berth.model.TaskDefinition;
import io.berth.plans.DeclaredState;
import io.berth.plans.LiveState;
import io.berth.plans.ObservedService;
import io.berth.plans.file.TargetDocuments;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Berth's state: a bare Git repository whose {@code main} branch holds the declared state (one
 * commit per apply) and whose {@code refs/berth/runtime} ref holds what the control plane observes
 * ({@link #runtime()}). It is a local directory, or a Git remote worked on through a local bare
 * cache ({@link StateAccess}): opening fetches, a write is a compare-and-swap push. Plain
 * {@code git --git-dir <dir> log --stat} reads either.
 *
 * <pre>{@code
 * try (StateRepository state = StateRepository.open(StateAccess.parse("ssh://git@host/state.git", cache, false))) {
 *   LiveState live = state.live(desired);                // one stack at the tip + observations + what was read
 *   DeclaredState before = state.declaredAt("main~1", "shop"); // any earlier state of a stack
 * }
 * }</pre>
 *
 * <p>Thread-safe for readers. Writers never merge: an apply checks that nothing its plan read has
 * changed ({@link StateMovedException} otherwise), commits on the current tip and publishes with a
 * compare-and-swap of {@code main}; a lost race is re-read and re-checked, a bounded number of
 * times. Damaged repositories fail with a {@link StateException} before anything is written.
 */
public final class StateRepository implements AutoCloseable {
  /** The ref holding the declared state. */
  public static final String MAIN = "refs/heads/main";
  /** The ref holding the control plane's runtime state (local: never pushed to a remote). */
  public static final String RUNTIME = "refs/berth/runtime";
  /** The ref on a remote holding what its control plane observes, for plans made elsewhere. */
  public static final String OBSERVED = "refs/berth/observed";
  /** How many times an apply that lost the race for main re-reads, re-checks and tries again. */
  static final int APPLY_ATTEMPTS = 5;

  static {
    // before JGit reads any configuration: state repositories ignore the machine's git config
    IsolatedGitConfig.install();
  }

  private final String where;
  private final Path directory;
  private final Repository repo;
  private final Clock clock;
  private final Optional<GitRemote> remote;
  private final boolean created;
  private final MainWriter writer;
  /** Bounds {@value #RUNTIME}'s history: one per repository, shared by its runtime stores. */
  private final RuntimeHistory history;
  /** Held while a control plane runs on this repository ({@link #claimRuntime}). */
  private volatile Optional<ControlPlaneLock> controlPlane = Optional.empty();

  StateRepository(String where, Path directory, Repository repo, Clock clock, Optional<GitRemote> remote,
      boolean created) {
    this.where = where;
    this.directory = directory;
    this.repo = repo;
    this.clock = clock;
    this.remote = remote;
    this.created = created;
    this.writer = new MainWriter(this, repo, where, clock, remote);
    this.history = new RuntimeHistory(repo, clock);
  }

  /**
   * Whether the state can store a file named {@code name}: roles, clusters, task definition families
   * and services are files named after them.
   */
  public static boolean canStoreName(String name) {
    return StateLayout.isSegment(name);
  }

  /** Opens an existing local state repository; a missing or non-Git directory fails, naming the fix. */
  public static StateRepository open(Path directory) {
    return open(directory, Clock.systemUTC());
  }

  /** As {@link #open(Path)}, with the clock that stamps commits. */
  public static StateRepository open(Path directory, Clock clock) {
    return LocalStates.open(directory, clock);
  }

  /** Opens the state {@code access} names: a local directory, or a remote fetched into its cache. */
  public static StateRepository open(StateAccess access) {
    return open(access, Clock.systemUTC());
  }

  /** As {@link #open(StateAccess)}, with the clock that stamps commits. */
  public static StateRepository open(StateAccess access, Clock clock) {
    return access.location() instanceof StateLocation.Remote remote
        ? RemoteStates.open(access, remote, clock, Optional.empty())
        : open(((StateLocation.Local) access.location()).directory(), clock);
  }

  /**
   * Creates a local state repository at {@code directory} (bare, branch {@code main}, a first commit
   * holding only the layout version), or opens it when one is already there.
   */
  public static StateRepository init(Path directory) {
    return init(directory, Clock.systemUTC());
  }

  /** As {@link #init(Path)}, with the clock that stamps commits. */
  public static StateRepository init(Path directory, Clock clock) {
    return init(StateAccess.local(directory), clock, Attribution.berth(version()));
  }

  /** As {@link #init(StateAccess, Clock, Attribution)}, now, the first commit attributed to Berth. */
  public static StateRepository init(StateAccess access) {
    return init(access, Clock.systemUTC(), Attribution.berth(version()));
  }

  /**
   * Creates the state {@code access} names, its first commit attributed to {@code by}, or opens it
   * when it is one already. A remote must be an empty repository or a berth state: one with
   * commits berth did not write is refused.
   */
  public static StateRepository init(StateAccess access, Clock clock, Attribution by) {
    return access.location() instanceof StateLocation.Remote remote
        ? RemoteStates.open(access, remote, clock, Optional.of(by))
        : LocalStates.init(((StateLocation.Local) access.location()).directory(), clock, by);
  }

  /** The local repository: the state's directory, or the cache of a remote state. */
  public Path directory() {
    return directory;
  }

  /** How the state is named in messages: its directory or its remote's URL. */
  public String where() {
    return where;
  }

  /** True when {@link #init} made this state now (false: it was there already). */
  public boolean created() {
    return created;
  }

  /** True for a state on a Git remote. */
  public boolean isRemote() {
    return remote.isPresent();
  }

  /** The commit {@code main} points at, if any. */
  public Optional<String> tip() {
    return tipId().map(ObjectId::name);
  }

  /**
   * The full commit id of {@code revision}: a commit id or prefix, {@code main}, {@code main~2},
   * {@code HEAD^}... Unknown revisions fail naming {@code berth history}.
   */
  public String resolve(String revision) {
    try {
      ObjectId id = repo.resolve(revision + "^{commit}");
      if (id == null && shallow()) {
        remote.get().deepen(repo, Optional.empty()); // an older commit than this cache holds: fetch the history
        id = repo.resolve(revision + "^{commit}");
      }
      if (id == null) {
        throw new StateException("revision '" + revision + "' is not in state repository " + where
            + "; list the revisions with berth history");
      }
      return id.name();
    } catch (RevisionSyntaxException e) {
      throw new StateException("'" + revision + "' is not a revision (use a commit id from berth history, or"
          + " main~N)", e);
    } catch (IOException e) {
      throw GitTrees.damaged(repo, "revision " + revision, e);
    }
  }

  /**
   * What a plan of {@code desired}'s stack is made against: that stack's declared state at the
   * tip, the highest revision it ever registered per family, the services the control plane reports
   * (on the runtime ref of a local state; for a remote state, as its control plane published them on
   * {@value #OBSERVED}, so that every machine plans alike), how it meets the other stacks (owners of
   * the names it declares or uses, users of what it owns) and what was read ({@link StackReads}).
   */
  public LiveState live(DesiredState desired) {
    Optional<ObjectId> tip = tipId();
    if (tip.isEmpty()) {
      return new LiveState(Optional.empty(), DeclaredState.empty(desired.stack()), Map.of(), List.of(),
          StateReads.at(repo, tip, List.of(StateReads.WHOLE)));
    }
    try (StateView view = StateView.at(repo, tip.get(), where)) {
      return StackReads.live(view, desired, observedServices());
    }
  }

  /** As {@link #live(DesiredState)} for a stack that declares nothing (what it reads of its own). */
  public LiveState live(String stack) {
    return live(new DesiredState(DesiredState.API_VERSION, stack, List.of(), List.of(), List.of(), List.of(),
        List.of()));
  }

  /** The stacks the state holds at {@code revision} (see {@link #resolve}), sorted. */
  public List<String> stacks(String revision) {
    try (StateView view = StateView.at(repo, ObjectId.fromString(resolve(revision)), where)) {
      return view.stacks();
    }
  }

  /**
   * The declared state of each stack at {@code revision} (see {@link #resolve}), by stack: what the
   * control plane runs is all of them.
   */
  public Map<String, DeclaredState> declaredStacks(String revision) {
    Map<String, DeclaredState> stacks = new TreeMap<>();
    try (StateView view = StateView.at(repo, ObjectId.fromString(resolve(revision)), where)) {
      for (String stack : view.stacks()) {
        stacks.put(stack, view.decode(stack).state());
      }
    }
    return stacks;
  }

  /** The declared state of {@code stack} at {@code revision}, e.g. to plan a roll back; empty when it holds none. */
  public DeclaredState declaredAt(String revision, String stack) {
    try (StateView view = StateView.at(repo, ObjectId.fromString(resolve(revision)), where)) {
      return view.decode(stack).state();
    }
  }

  private List<ObservedService> observedServices() {
    return new RuntimeStore(repo, clock, remote.isPresent() ? OBSERVED : RUNTIME, Optional.empty()).observedServices();
  }

  /**
   * For a remote state, one line per fact a plan's reader should know, e.g. {@code state <url>:
   * main at <commit>} and how old the control plane's published observations are (or that there
   * are none); empty for a local state.
   */
  public List<String> remoteNotes() {
    return remote.isEmpty() ? List.of() : ObservedRef.notes(repo, where, directory, clock.instant());
  }

  /**
   * All stacks' declared state at {@code revision} (see {@link #resolve}) as one, named after the
   * single stack when there is one ({@code ""} otherwise).
   */
  public DeclaredState declaredAt(String revision) {
    return union(declaredStacks(revision));
  }

  /** The declared states of {@code stacks} as one (see {@link #declaredAt(String)}). */
  public static DeclaredState union(Map<String, DeclaredState> stacks) {
    return StateView.union(stacks);
  }

  /**
   * Writes {@code target} as the new declared state, if {@code main} is still at
   * {@code expectedBase} (empty: the repository has no commit yet): the plan read all of main.
   *
   * @throws StateMovedException when main moved since {@code expectedBase}; nothing was changed
   */
  public String apply(Optional<String> expectedBase, DeclaredState target, ApplyCommit message) {
    return apply(expectedBase, readsAt(expectedBase), target, message);
  }

  /**
   * Writes {@code target} as the new declared state in one commit on {@code main} if nothing the
   * plan read ({@code reads}, see {@link io.berth.plans.Plan#reads()}) has changed since
   * {@code base}: the commit goes on the current tip, published with a compare-and-swap. Task
   * definition revisions already stored are never rewritten; plain-text secrets are refused.
   * Returns the new commit id.
   *
   * @throws StateMovedException when something the plan read changed; nothing was changed
   */
  public String apply(Optional<String> base, Map<String, String> reads, DeclaredState target, ApplyCommit message) {
    return apply(base, reads, TargetDocuments.of(target), message);
  }

  /**
   * As {@link #apply(Optional, Map, DeclaredState, ApplyCommit)} for a target as its documents, such
   * as a plan file holds them (the same bytes, so the same tree).
   */
  public String apply(Optional<String> base, Map<String, String> reads, TargetDocuments target, ApplyCommit message) {
    return writer.apply(base, reads.isEmpty() ? readsAt(base) : reads, target, message);
  }

  private Map<String, String> readsAt(Optional<String> commit) {
    return StateReads.at(repo, commit.map(ObjectId::fromString), List.of(StateReads.WHOLE));
  }

  /**
   * Checks that nothing a plan made against {@code base} read ({@code reads}; none recorded: all
   * of main) has changed at the tip.
   *
   * @throws StateMovedException naming what changed
   */
  public void checkReads(Optional<String> base, Map<String, String> reads) {
    Optional<ObjectId> tip = tipId();
    List<String> changed = StateReads.changed(repo, tip, reads.isEmpty() ? readsAt(base) : reads);
    if (!changed.isEmpty()) {
      throw new StateMovedException(base.orElse("none"), GitRefs.name(tip), changed);
    }
  }

  /**
   * Fetches a remote state's {@code main} and observations into its cache; true when main moved.
   * A local state has nothing to fetch (false).
   */
  public boolean refresh() {
    if (remote.isEmpty()) {
      return false;
    }
    Optional<ObjectId> before = tipId();
    remote.get().fetch(repo);
    return !tipId().equals(before);
  }

  /**
   * Publishes the services the control plane keeps on the runtime ref to a remote state's
   * {@value #OBSERVED}, if they changed since the last publication: one parentless commit replacing
   * the last by a compare-and-swap push, so the ref never grows a history. Returns true when it
   * published; false for a local state, nothing new, or a lost race (tried again next time).
   */
  public boolean publishObservations() {
    if (remote.isEmpty()) {
      return false;
    }
    Optional<ObjectId> current = GitRefs.read(repo, OBSERVED);
    Optional<ObjectId> next = ObservedRef.commitIfChanged(repo, current, clock.instant());
    if (next.isEmpty()) {
      return false;
    }
    if (remote.get().push(repo, OBSERVED, current, next.get(), true) == GitRemote.Pushed.LOST) {
      remote.get().fetch(repo);
      return false;
    }
    ObservedRef.follow(repo, next.get());
    return true;
  }

  /** Ends a remote state's connection (an SSH session) until the next fetch or push needs one. */
  public void disconnect() {
    remote.ifPresent(GitRemote::closeTransport);
  }

  /**
   * Moves {@code ref} from {@code expected} to {@code next} (see {@link MainWriter#publish}); false
   * when the ref was not at {@code expected}.
   */
  boolean publish(String ref, Optional<ObjectId> expected, ObjectId next, String reflog) {
    return writer.publish(ref, expected, next, reflog);
  }

  /** The commits of {@code main}, newest first, at most {@code limit}. */
  public List<StateCommit> history(int limit) {
    List<StateCommit> commits = StateCommits.history(repo, tipId(), limit);
    if (commits.size() < limit && shallow()) {
      remote.get().deepen(repo, Optional.of(limit)); // the cache holds fewer: fetch as many as asked for
      commits = StateCommits.history(repo, tipId(), limit);
    }
    return commits;
  }

  /** True for a remote state's cache that holds only the newest part of main's history. */
  private boolean shallow() {
    try {
      return remote.isPresent() && !repo.getObjectDatabase().getShallowCommits().isEmpty();
    } catch (IOException e) {
      throw GitTrees.damaged(repo, "its shallow file", e);
    }
  }

  /**
   * Any registered revision of a task definition at the tip, active or not (tasks may still run an
   * older one during a deployment). Empty when that revision was never registered.
   */
  public Optional<TaskDefinition> taskDefinition(String family, int revision) {
    Optional<ObjectId> tip = tipId();
    if (tip.isEmpty()) {
      return Optional.empty();
    }
    try (StateView view = StateView.at(repo, tip.get(), where)) {
      Optional<String> owner = view.owner(new io.berth.plans.ResourceAddress(io.berth.plans.ResourceKind.TASK_DEFINITION,
          family));
      List<String> stacks = owner.map(List::of).orElseGet(view::stacks);
      for (String stack : stacks) {
        String path = view.dir(stack) + StateLayout.revisionPath(family, revision);
        Optional<TaskDefinition> found = view.read(path).map(bytes -> StateLayout.parse(bytes, TaskDefinition.class,
            path, where));
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
  }

  /** The commit {@code revision} (see {@link #resolve}) with its author, summary and trailers. */
  public StateCommit describe(String revision) {
    ObjectId id = ObjectId.fromString(resolve(revision));
    try (RevWalk walk = new RevWalk(repo)) {
      return StateCommits.of(walk.parseCommit(id));
    } catch (IOException e) {
      throw GitTrees.damaged(repo, "commit " + id.name(), e);
    }
  }

  /** The runtime state on {@value #RUNTIME}, written by the control plane (kept in the cache of a remote state). */
  public RuntimeStore runtime() {
    return new RuntimeStore(repo, clock, history);
  }

  /**
   * Makes this process the one control plane of this repository until {@link #close}: takes
   * {@link ControlPlaneLock}, and with it over a lock file of {@value #RUNTIME} that a killed control
   * plane left. Returns true when it took such a file over (worth a line in the log).
   *
   * @throws StateException when another control plane runs on this repository
   */
  public synchronized boolean claimRuntime() {
    if (controlPlane.isPresent()) {
      return false;
    }
    ControlPlaneLock lock = ControlPlaneLock.acquire(directory, where);
    controlPlane = Optional.of(lock);
    return lock.tookOverRuntimeLock();
  }

  @Override
  public void close() {
    history.close();
    remote.ifPresent(GitRemote::close);
    repo.close();
    controlPlane.ifPresent(ControlPlaneLock::close); // last: nothing of this process writes after it
  }

  Optional<ObjectId> tipId() {
    return GitRefs.read(repo, MAIN);
  }

  /** Cheap check on open: the layout version and the stack index, not every file. */
  void checkLayout(ObjectId commit) {
    StateLayout.checkVersion(GitTrees.readPath(repo, commit, StateLayout.VERSION_FILE), where);
  }

  /** The first commit of a new state: only the layout version. */
  ObjectId firstCommit(Attribution by) {
    return GitTrees.commit(repo, Map.of(StateLayout.VERSION_FILE, StateLayout.versionFile()), Map.of(),
        Optional.empty(), "Initialise Berth state (layout " + StateLayout.VERSION + ")\n\n"
            + ApplyCommit.TRAILER_VERSION + ": " + by.berthVersion() + "\n", clock.instant(),
        new PersonIdent(by.name(), by.email()));
  }

  Repository repository() {
    return repo;
  }

  /** This state, saying {@link #created()}: it takes over the repository and remote (close only the result). */
  StateRepository markedCreated() {
    return new StateRepository(where, directory, repo, clock, remote, true);
  }

  /** The berth version that writes commits: the jar's, or "dev" when run from classes. */
  static String version() {
    String version = StateRepository.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

}
