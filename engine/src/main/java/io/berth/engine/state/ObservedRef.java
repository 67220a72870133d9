package io.berth.engine.state;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * {@value StateRepository#OBSERVED} on a remote state: what its control plane observes and a plan
 * shows (the count it keeps, the revision it runs), published for plans made on other machines.
 * One parentless commit whose tree is the {@code services/} directory of the control plane's
 * runtime ref, replaced when that changes: the ref has no history, so its size stays bounded by the
 * cluster's. The commit's time is when it was published.
 */
final class ObservedRef {
  private static final String SERVICES = RuntimeStore.SERVICES;
  private static final PersonIdent BERTH = new PersonIdent("Berth control plane", "berth@localhost");

  private ObservedRef() {}

  /**
   * A new observed commit holding the runtime ref's {@code services/}, when that differs from
   * {@code current}'s; empty when nothing changed (or the control plane has written nothing yet).
   */
  static Optional<ObjectId> commitIfChanged(Repository repo, Optional<ObjectId> current, Instant now) {
    Optional<ObjectId> runtime = GitRefs.read(repo, StateRepository.RUNTIME);
    if (runtime.isEmpty()) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
      Optional<ObjectId> services = subtree(repo, walk.parseCommit(runtime.get()), SERVICES);
      TreeFormatter root = new TreeFormatter();
      services.ifPresent(id -> root.append(SERVICES, FileMode.TREE, id));
      ObjectId tree = inserter.insert(root); // no services yet: the empty tree
      if (current.isPresent() && repo.getObjectDatabase().has(current.get())
          && walk.parseCommit(current.get()).getTree().equals(tree)) {
        return Optional.empty();
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      PersonIdent who = new PersonIdent(BERTH, now, ZoneOffset.UTC);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage("observed: the services the control plane keeps\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return Optional.of(id);
    } catch (IOException e) {
      throw GitTrees.damaged(repo, "the runtime ref's services", e);
    }
  }

  /** Sets the cache's observed ref after a publication (no compare: the push was the compare-and-swap). */
  static void follow(Repository repo, ObjectId published) {
    try {
      RefUpdate update = repo.updateRef(StateRepository.OBSERVED);
      update.setNewObjectId(published);
      update.setForceUpdate(true);
      update.update();
    } catch (IOException e) {
      throw new StateException("cannot update " + StateRepository.OBSERVED + " in " + repo.getDirectory() + " ("
          + GitTrees.why(e) + "); check the disk and the permissions", e);
    }
  }

  /** The lines a plan on a remote state prints: the commit it planned against and the observations' age. */
  static List<String> notes(Repository repo, String url, Path cache, Instant now) {
    List<String> notes = new ArrayList<>();
    Optional<ObjectId> main = GitRefs.read(repo, StateRepository.MAIN);
    notes.add("State " + url + ": main at " + main.map(ObjectId::name).orElse("(no commit yet)") + " (cache " + cache
        + ")");
    Optional<ObjectId> observed = GitRefs.read(repo, StateRepository.OBSERVED);
    if (observed.isEmpty()) {
      notes.add("No observations: " + url + " has no " + StateRepository.OBSERVED + " (no berth server follows this"
          + " state yet), so changes made outside Berth cannot be shown");
      return notes;
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(observed.get());
      Instant published = commit.getCommitterIdent().getWhenAsInstant();
      notes.add("Observations of the control plane from " + StateRepository.OBSERVED + ", published "
          + age(published, now) + " ago at " + published + " (it publishes only when they change)");
    } catch (IOException e) {
      throw GitTrees.damaged(repo, StateRepository.OBSERVED, e);
    }
    return notes;
  }

  private static Optional<ObjectId> subtree(Repository repo, RevCommit commit, String path) throws IOException {
    try (TreeWalk found = TreeWalk.forPath(repo, path, commit.getTree())) {
      return found == null ? Optional.empty() : Optional.of(found.getObjectId(0).copy());
    }
  }

  /** How long ago {@code then} was, in words: "14 s", "3 min", "2 h", "5 days". */
  static String age(Instant then, Instant now) {
    Duration age = Duration.between(then, now);
    if (age.isNegative() || age.toSeconds() < 120) {
      return Math.max(0, age.toSeconds()) + " s";
    }
    if (age.toMinutes() < 120) {
      return age.toMinutes() + " min";
    }
    return age.toHours() < 48 ? age.toHours() + " h" : age.toDays() + " days";
  }

}
