package io.berth.engine.state;

import io.berth.model.TaskDefinition;
import io.berth.plans.DeclaredState;
import io.berth.plans.LiveState;
import io.berth.plans.file.TargetDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Berth's state: a bare Git repository whose {@code main} branch holds the declared state (one
 * commit per apply) and whose {@code refs/berth/runtime} ref holds what the control plane observes
 * ({@link #runtime()}). Plain {@code git --git-dir <dir> log --stat} reads it.
 *
 * <pre>{@code
 * try (StateRepository state = StateRepository.open(Path.of(".berth/state"))) {
 *   LiveState live = state.live("shop");              // declared state at the tip + runtime view
 *   DeclaredState before = state.declaredAt("main~1"); // any earlier state
 *   state.runtime().update(now -> now.batch().put(RuntimeStore.TASKS, "prod/t-1", task).build("task t-1 started"));
 * }
 * }</pre>
 *
 * <p>Thread-safe for readers; writers are serialised by Git's compare-and-swap, so a lost race is a
 * {@link StaleStateException}, never a merge. Damaged repositories fail with a {@link StateException}
 * before anything is written.
 */
public final class StateRepository implements AutoCloseable {
  /** The ref holding the declared state. */
  public static final String MAIN = "refs/heads/main";
  /** The ref holding the control plane's runtime state. */
  public static final String RUNTIME = "refs/berth/runtime";

  static {
    // before JGit reads any configuration: state repositories ignore the machine's git config
    IsolatedGitConfig.install();
  }

  private final Path directory;
  private final Repository repo;
  private final Clock clock;

  private StateRepository(Path directory, Repository repo, Clock clock) {
    this.directory = directory;
    this.repo = repo;
    this.clock = clock;
  }

  /** Opens an existing state repository; a missing or non-Git directory fails, naming the fix. */
  public static StateRepository open(Path directory) {
    return open(directory, Clock.systemUTC());
  }

  /** As {@link #open(Path)}, with the clock that stamps commits. */
  public static StateRepository open(Path directory, Clock clock) {
    if (!Files.isDirectory(directory)) {
      throw new StateException("no state repository at " + directory + "; run berth init (or berth apply"
          + " --desired DIR --auto-approve, which creates it), or point --state / BERTH_STATE at an existing one");
    }
    try {
      Repository repo = new RepositoryBuilder().setGitDir(directory.toFile()).setMustExist(true).build();
      if (!repo.getObjectDatabase().exists()) {
        repo.close();
        throw notARepository(directory);
      }
      StateRepository state = new StateRepository(directory, repo, clock);
      state.tipId().ifPresent(state::checkLayout);
      return state;
    } catch (RepositoryNotFoundException | IllegalArgumentException e) {
      throw notARepository(directory);
    } catch (IOException e) {
      throw new StateException("cannot open state repository " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates a state repository at {@code directory} (bare, branch {@code main}, a first commit
   * holding only the layout version), or opens it when one is already there.
   */
  public static StateRepository init(Path directory) {
    return init(directory, Clock.systemUTC());
  }

  /** As {@link #init(Path)}, with the clock that stamps commits. */
  public static StateRepository init(Path directory, Clock clock) {
    if (Files.isDirectory(directory) && isNonEmpty(directory)) {
      return open(directory, clock);
    }
    try {
      Git.init().setBare(true).setInitialBranch("main").setGitDir(directory.toFile()).call().close();
    } catch (GitAPIException | RuntimeException e) {
      throw new StateException("cannot create a state repository at " + directory + ": " + e.getMessage()
          + "; check the path is writable", e);
    }
    StateRepository state = open(directory, clock);
    ObjectId first = GitTrees.commit(state.repo, Map.of(StateLayout.VERSION_FILE, StateLayout.versionFile()),
        Map.of(), Optional.empty(), "Initialise Berth state (layout " + StateLayout.VERSION + ")\n",
        clock.instant());
    GitRefs.compareAndSwap(state.repo, MAIN, Optional.empty(), first, "berth init");
    return state;
  }

  /** The repository's directory, as given. */
  public Path directory() {
    return directory;
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
      if (id == null) {
        throw new StateException("revision '" + revision + "' is not in state repository " + directory
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
   * What a plan for {@code stack} is made against: the declared state at the tip, the highest
   * revision ever registered per family, and the services the control plane reports on the runtime
   * ref. A repository holding another stack is refused.
   */
  public LiveState live(String stack) {
    Optional<ObjectId> tip = tipId();
    if (tip.isEmpty()) {
      return LiveState.empty(stack);
    }
    StateLayout.Decoded decoded = decode(tip.get(), stack);
    return new LiveState(Optional.of(tip.get().name()), decoded.state(), decoded.latestRevisions(),
        runtime().observedServices());
  }

  /** The declared state at {@code revision} (see {@link #resolve}), e.g. to plan a roll back. */
  public DeclaredState declaredAt(String revision) {
    return decode(ObjectId.fromString(resolve(revision)), null).state();
  }

  /**
   * Writes {@code target} as the new declared state in one commit on {@code main}, if {@code main}
   * is still at {@code expectedBase} (empty: the repository has no commit yet). Task definition
   * revisions already stored are never rewritten; plain-text secrets are refused. Returns the new
   * commit id.
   *
   * @throws StaleStateException when main moved since {@code expectedBase}; nothing was changed
   * @throws StateLockedException when another writer holds the lock right now
   */
  public String apply(Optional<String> expectedBase, DeclaredState target, ApplyCommit message) {
    return apply(expectedBase, TargetDocuments.of(target), message);
  }

  /**
   * As {@link #apply(Optional, DeclaredState, ApplyCommit)} for a target as its documents, such as a
   * plan file holds them (the same bytes, so the same tree).
   */
  public String apply(Optional<String> expectedBase, TargetDocuments target, ApplyCommit message) {
    return apply(expectedBase, target.stack(), target.plainTextSecrets(), () -> StateLayout.files(target), message);
  }

  private String apply(Optional<String> expectedBase, String stack, List<String> secrets,
      Supplier<Map<String, byte[]>> files, ApplyCommit message) {
    if (!secrets.isEmpty()) {
      throw new StateException(String.join("\n", secrets));
    }
    Optional<ObjectId> expected = expectedBase.map(ObjectId::fromString);
    Optional<ObjectId> tip = tipId();
    if (!tip.equals(expected)) {
      throw new StaleStateException(MAIN, GitRefs.name(expected), GitRefs.name(tip));
    }
    Map<String, ObjectId> base = Map.of();
    if (tip.isPresent()) {
      ApplyBase read = applyBase(tip.get());
      base = read.taskDefinitions();
      Optional<String> stored = read.stack();
      if (stored.isPresent() && !stored.get().equals(stack)) {
        throw new StateException("state repository " + directory + " holds stack '" + stored.get() + "', not '"
            + stack + "'; keep one state repository per stack (use --state or BERTH_STATE)");
      }
    }
    Map<String, byte[]> content = files.get();
    Map<String, ObjectId> kept = new TreeMap<>();
    for (Map.Entry<String, ObjectId> file : base.entrySet()) {
      if (file.getKey().startsWith(StateLayout.TASK_DEFINITIONS)) {
        byte[] replacement = content.get(file.getKey());
        if (replacement != null && !GitTrees.blobId(replacement).equals(file.getValue())) {
          throw new StateException("task definition revision " + file.getKey() + " already exists with other"
              + " content and revisions are immutable; plan again so the change gets a new revision");
        }
        if (replacement == null) {
          kept.put(file.getKey(), file.getValue());
        }
      }
    }
    ObjectId commit = GitTrees.commit(repo, content, kept, tip, message.message(), clock.instant());
    GitRefs.compareAndSwap(repo, MAIN, tip, commit, "berth apply " + message.planId());
    return commit.name();
  }

  /** Only task definition revisions carry over from the base of an apply; every other file is rewritten. */
  private ApplyBase applyBase(ObjectId tip) {
    checkLayout(tip);
    return new ApplyBase(tip, GitTrees.files(repo, tip, StateLayout.TASK_DEFINITIONS_DIR), stackAt(tip));
  }

  /** What an apply reads from its base commit (immutable, as the commit is). */
  private record ApplyBase(ObjectId tip, Map<String, ObjectId> taskDefinitions, Optional<String> stack) {}

  /** The commits of {@code main}, newest first, at most {@code limit}. */
  public List<StateCommit> history(int limit) {
    Optional<ObjectId> tip = tipId();
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
        commits.add(toStateCommit(commit));
      }
      return commits;
    } catch (IOException e) {
      throw GitTrees.damaged(repo, "the history of main", e);
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
    String path = StateLayout.revisionPath(family, revision);
    return GitTrees.readPath(repo, tip.get(), path).map(bytes -> StateLayout.parse(bytes, TaskDefinition.class, path,
        directory.toString()));
  }

  /** The commit {@code revision} (see {@link #resolve}) with its summary and plan trailers. */
  public StateCommit describe(String revision) {
    ObjectId id = ObjectId.fromString(resolve(revision));
    try (RevWalk walk = new RevWalk(repo)) {
      return toStateCommit(walk.parseCommit(id));
    } catch (IOException e) {
      throw GitTrees.damaged(repo, "commit " + id.name(), e);
    }
  }

  /** The runtime state on {@value #RUNTIME}, written by the control plane. */
  public RuntimeStore runtime() {
    return new RuntimeStore(repo, clock);
  }

  @Override
  public void close() {
    repo.close();
  }

  private Optional<ObjectId> tipId() {
    return GitRefs.read(repo, MAIN);
  }

  /** Cheap check on open: the layout version and the stack index, not every file. */
  private void checkLayout(ObjectId commit) {
    StateLayout.checkVersion(GitTrees.readPath(repo, commit, StateLayout.VERSION_FILE), directory.toString());
  }

  private Optional<String> stackAt(ObjectId commit) {
    return GitTrees.readPath(repo, commit, StateLayout.INDEX_FILE).map(bytes -> StateLayout.stackOf(bytes,
        directory.toString()));
  }

  private StateLayout.Decoded decode(ObjectId commit, String expectedStack) {
    Map<String, ObjectId> files = GitTrees.files(repo, commit);
    Map<String, byte[]> cache = new HashMap<>();
    try (ObjectReader reader = repo.newObjectReader()) {
      return StateLayout.decode(files, (path, mustExist) -> {
        ObjectId blob = files.get(path);
        if (blob == null) {
          return Optional.empty();
        }
        return Optional.of(cache.computeIfAbsent(path, p -> GitTrees.read(repo, reader, p, blob)));
      }, directory.toString(), expectedStack);
    }
  }

  private static StateCommit toStateCommit(RevCommit commit) {
    return new StateCommit(commit.name(), commit.getCommitterIdent().getWhenAsInstant(), commit.getShortMessage(),
        commit.getFullMessage(), trailer(commit, ApplyCommit.TRAILER_PLAN_ID),
        trailer(commit, ApplyCommit.TRAILER_PLAN_DIGEST));
  }

  private static Optional<String> trailer(RevCommit commit, String key) {
    return commit.getFooterLines(key).stream().findFirst().map(String::strip);
  }

  private static boolean isNonEmpty(Path directory) {
    try (var entries = Files.list(directory)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      throw new StateException("cannot read " + directory + ": " + e.getMessage(), e);
    }
  }

  private static StateException notARepository(Path directory) {
    return new StateException(directory + " is not a Git repository (no HEAD, objects/ or refs/); point --state"
        + " or BERTH_STATE at a berth state repository, or run berth init --state <new directory>");
  }
}
