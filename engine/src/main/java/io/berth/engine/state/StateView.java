package io.berth.engine.state;

import io.berth.model.ExternalReference;
import io.berth.plans.DeclaredState;
import io.berth.plans.ResourceAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One commit of {@code main} read stack by stack, whichever layout wrote it: layout 2 keeps each
 * stack in {@code stacks/<stack>/} with the name index beside it ({@link StackNames}); layout 1
 * held one stack at the root of the tree, and is read as that one stack. Reads only the paths asked
 * for. Not thread-safe; close it to release its reader.
 */
final class StateView implements AutoCloseable {
  private final Repository repo;
  private final ObjectReader reader;
  private final ObjectId commit;
  private final RevTree tree;
  private final int version;
  private final String where;
  private final Map<String, Map<String, ObjectId>> filesCache = new HashMap<>();
  private Optional<String> oneStack;

  private StateView(Repository repo, ObjectReader reader, ObjectId commit, RevTree tree, int version, String where) {
    this.repo = repo;
    this.reader = reader;
    this.commit = commit;
    this.tree = tree;
    this.version = version;
    this.where = where;
  }

  /** The view of {@code commit}; its layout version is checked. */
  static StateView at(Repository repo, ObjectId commit, String where) {
    ObjectReader reader = repo.newObjectReader();
    try (RevWalk walk = new RevWalk(reader)) {
      RevTree tree = walk.parseCommit(commit).getTree();
      StateView view = new StateView(repo, reader, commit, tree, 0, where);
      int version = StateLayout.checkVersion(view.read(StateLayout.VERSION_FILE), where);
      return new StateView(repo, reader, commit, tree, version, where);
    } catch (IOException e) {
      reader.close();
      throw GitTrees.damaged(repo, "commit " + commit.name(), e);
    }
  }

  ObjectId commit() {
    return commit;
  }

  ObjectId tree() {
    return tree;
  }

  int version() {
    return version;
  }

  ObjectReader reader() {
    return reader;
  }

  /** The stacks this commit holds, sorted. */
  List<String> stacks() {
    if (version == StateLayout.ONE_STACK) {
      return oneStack().map(List::of).orElse(List.of());
    }
    List<String> stacks = new ArrayList<>(entries(StackNames.STACKS).keySet());
    stacks.sort(null);
    return stacks;
  }

  /** The directory of {@code stack}'s documents, with a trailing slash ({@code ""}: the root of a layout 1 tree). */
  String dir(String stack) {
    return version == StateLayout.ONE_STACK ? "" : StackNames.stackDir(stack) + "/";
  }

  /** {@code stack}'s files, relative to its directory (empty: the stack is not in this commit). */
  Map<String, ObjectId> files(String stack) {
    return filesCache.computeIfAbsent(stack, s -> {
      if (version == StateLayout.ONE_STACK) {
        return oneStack().filter(s::equals).map(x -> GitTrees.files(repo, commit)).orElse(Map.of());
      }
      String prefix = StackNames.stackDir(s) + "/";
      Map<String, ObjectId> relative = new TreeMap<>();
      GitTrees.files(repo, commit, StackNames.stackDir(s)).forEach((path, id) ->
          relative.put(path.substring(prefix.length()), id));
      return relative;
    });
  }

  /** {@code stack}'s declared state (empty when absent) and the highest revision per family it registered. */
  StateLayout.Decoded decode(String stack) {
    Map<String, ObjectId> files = files(stack);
    StateLayout.Decoded decoded = StateLayout.decode(files, (path, mustExist) -> {
      ObjectId blob = files.get(path);
      return blob == null ? Optional.empty() : Optional.of(GitTrees.read(repo, reader, path, blob));
    }, where, stack);
    return decoded.state().stack().isEmpty() ? new StateLayout.Decoded(DeclaredState.empty(stack),
        decoded.latestRevisions()) : decoded;
  }

  /** The stack that owns {@code name}, if any stack declares it. */
  Optional<String> owner(ResourceAddress name) {
    if (version == StateLayout.ONE_STACK) {
      return oneStack().filter(s -> ownedByOneStack(s, name));
    }
    return read(StackNames.ownerPath(name)).map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip());
  }

  private boolean ownedByOneStack(String stack, ResourceAddress name) {
    Optional<byte[]> index = read(StateLayout.INDEX_FILE);
    List<String> families = index.map(b -> StateLayout.parse(b, StackFile.class, StateLayout.INDEX_FILE, where))
        .map(f -> List.copyOf(f.taskDefinitions().keySet())).orElse(List.of());
    return StackNames.owned(files(stack).keySet(), families).containsKey(name);
  }

  /** The stacks that use {@code kind} {@code name} of another stack, sorted. */
  List<String> users(ExternalReference.Kind kind, String name) {
    if (version == StateLayout.ONE_STACK) {
      return List.of();
    }
    List<String> users = new ArrayList<>(entries(StackNames.usesDir(kind, name)).keySet());
    users.sort(null);
    return users;
  }

  /** The object at {@code path} ({@code ""}: the whole tree), or the zero id when nothing is there. */
  ObjectId idAt(String path) {
    if (path.isEmpty()) {
      return tree;
    }
    try (TreeWalk found = TreeWalk.forPath(reader, path, tree)) {
      return found == null ? ObjectId.zeroId() : found.getObjectId(0).copy();
    } catch (IOException e) {
      throw GitTrees.damaged(repo, path + " at " + commit.name(), e);
    }
  }

  /** The content of the file at {@code path}, if there is one. */
  Optional<byte[]> read(String path) {
    try (TreeWalk found = TreeWalk.forPath(reader, path, tree)) {
      if (found == null || found.getFileMode(0) == FileMode.TREE) {
        return Optional.empty();
      }
      return Optional.of(GitTrees.read(repo, reader, path, found.getObjectId(0)));
    } catch (IOException e) {
      throw GitTrees.damaged(repo, path + " at " + commit.name(), e);
    }
  }

  /** The names in directory {@code path}, with their ids (empty when it does not exist). */
  private Map<String, ObjectId> entries(String path) {
    Map<String, ObjectId> entries = new TreeMap<>();
    ObjectId dir = idAt(path);
    if (dir.equals(ObjectId.zeroId())) {
      return entries;
    }
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(dir);
      while (walk.next()) {
        entries.put(walk.getNameString(), walk.getObjectId(0));
      }
    } catch (IOException e) {
      throw GitTrees.damaged(repo, path + " at " + commit.name(), e);
    }
    return entries;
  }

  private Optional<String> oneStack() {
    if (oneStack == null) {
      oneStack = read(StateLayout.INDEX_FILE).map(bytes -> StateLayout.stackOf(bytes, where));
    }
    return oneStack;
  }

  /** Reads a blob by id (for the few callers that hold one). */
  byte[] blob(ObjectId id) {
    try {
      return reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
    } catch (IOException e) {
      throw GitTrees.damaged(repo, "blob " + id.name(), e);
    }
  }

  /** The declared states of {@code stacks} as one, named after the single stack when there is one. */
  static DeclaredState union(Map<String, DeclaredState> stacks) {
    List<io.berth.model.Role> roles = new ArrayList<>();
    List<io.berth.model.Cluster> clusters = new ArrayList<>();
    List<io.berth.plans.TaskDefinitionRevision> definitions = new ArrayList<>();
    List<io.berth.model.Service> services = new ArrayList<>();
    List<io.berth.model.ServiceScaling> scaling = new ArrayList<>();
    for (DeclaredState stack : stacks.values()) {
      roles.addAll(stack.roles());
      clusters.addAll(stack.clusters());
      definitions.addAll(stack.taskDefinitions());
      services.addAll(stack.services());
      scaling.addAll(stack.scaling());
    }
    String name = stacks.size() == 1 ? stacks.keySet().iterator().next() : "";
    return new DeclaredState(name, roles, clusters, definitions, services, scaling);
  }

  @Override
  public void close() {
    reader.close();
  }
}
