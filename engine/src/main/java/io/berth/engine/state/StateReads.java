package io.berth.engine.state;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What a plan read from the state, as Git names it: each path of {@code main}'s tree (a file, a
 * directory, or {@code ""} for the whole tree) with the object id it had, the zero id for a path
 * that did not exist. Git's ids are digests of the content, so comparing them at another commit
 * says exactly whether anything the plan read has changed; a directory's id covers every file
 * below it.
 */
final class StateReads {
  /** The whole tree of {@code main}: what a plan of the one stack a repository holds reads today. */
  static final String WHOLE = "";

  private StateReads() {}

  /** The ids of {@code paths} at {@code commit} (empty: a repository without commits). */
  static Map<String, String> at(Repository repo, Optional<ObjectId> commit, List<String> paths) {
    Map<String, String> reads = new TreeMap<>();
    for (String path : paths) {
      reads.put(path, idAt(repo, commit, path).name());
    }
    return reads;
  }

  /** The paths of {@code reads} whose object at {@code tip} is another one now, in path order. */
  static List<String> changed(Repository repo, Optional<ObjectId> tip, Map<String, String> reads) {
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, String> read : new TreeMap<>(reads).entrySet()) {
      if (!idAt(repo, tip, read.getKey()).name().equals(read.getValue())) {
        changed.add(read.getKey());
      }
    }
    return changed;
  }

  private static ObjectId idAt(Repository repo, Optional<ObjectId> commit, String path) {
    if (commit.isEmpty()) {
      return ObjectId.zeroId();
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit parsed = walk.parseCommit(commit.get());
      if (path.equals(WHOLE)) {
        return parsed.getTree().copy();
      }
      try (TreeWalk found = TreeWalk.forPath(repo, path, parsed.getTree())) {
        return found == null ? ObjectId.zeroId() : found.getObjectId(0).copy();
      }
    } catch (IOException e) {
      throw GitTrees.damaged(repo, path.isEmpty() ? "the tree of " + commit.get().name() : path, e);
    }
  }
}
