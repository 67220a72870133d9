package io.berth.engine.state;

import io.berth.model.ExternalReference;
import io.berth.plans.ResourceAddress;
import io.berth.plans.file.TargetDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import java.time.ZoneOffset;

/**
 * The commits of layout 2: an apply of one stack, written as edits of the tree it builds on (its
 * directory replaced, the owner and user files of its names updated, every other stack's subtree
 * kept by id), and the step that moves a layout 1 state (one stack at the root) into it.
 */
final class StackWrite {
  private StackWrite() {}

  /**
   * The commit that makes {@code target} the declared state of its stack on top of {@code view}
   * (a layout 2 commit; none for a repository without commits), with {@code content} its files
   * relative to the stack's directory. A target declaring nothing removes the stack's directory.
   */
  static ObjectId apply(Repository repo, Optional<StateView> view, TargetDocuments target,
      Map<String, byte[]> content, String message, Instant when, PersonIdent author, String where) {
    String stack = target.stack();
    String dir = StackNames.stackDir(stack);
    Map<String, ObjectId> old = view.map(v -> v.files(stack)).orElse(Map.of());
    Optional<StackFile> oldIndex = Optional.ofNullable(old.get(StateLayout.INDEX_FILE))
        .map(id -> StateLayout.parse(view.get().blob(id), StackFile.class, dir + "/" + StateLayout.INDEX_FILE, where));
    Map<String, ObjectId> stored = new TreeMap<>();
    old.forEach((path, id) -> {
      if (path.startsWith(StateLayout.TASK_DEFINITIONS)) {
        stored.put(path, id);
      }
    });
    Map<String, ObjectId> kept = keptRevisions(stored, content);
    boolean gone = target.documents().isEmpty();
    Map<String, Integer> active = new TreeMap<>();
    target.documents().stream().filter(d -> d.kind() == TargetDocuments.Kind.TASK_DEFINITION)
        .forEach(d -> active.put(d.name(), d.revision()));
    try (ObjectSink objects = ObjectSink.forCommit(repo, content.size());
        org.eclipse.jgit.lib.ObjectReader reader = repo.newObjectReader()) {
      TreeEdits edits = new TreeEdits(reader, view.map(StateView::tree));
      edits.remove(dir);
      if (!gone) {
        Map<String, ObjectId> blobs = insert(objects, content);
        blobs.forEach((path, id) -> edits.put(dir + "/" + path, id));
        kept.forEach((path, id) -> edits.put(dir + "/" + path, id));
      }
      ObjectId owner = objects.insert(Constants.OBJ_BLOB, (stack + "\n").getBytes(StandardCharsets.UTF_8));
      Set<ResourceAddress> before = StackNames.owned(old.keySet(),
          oldIndex.map(f -> f.taskDefinitions().keySet()).orElse(Set.of())).keySet();
      Set<ResourceAddress> after = gone ? Set.of() : StackNames.owned(content.keySet(), active.keySet()).keySet();
      before.stream().filter(n -> !after.contains(n)).forEach(n -> edits.remove(StackNames.ownerPath(n)));
      after.forEach(n -> edits.put(StackNames.ownerPath(n), owner));
      Set<ExternalReference> usedBefore = new HashSet<>(oldIndex.map(StackFile::references).orElse(List.of()));
      Set<ExternalReference> usedAfter = gone ? Set.of() : new HashSet<>(target.references());
      usedBefore.stream().filter(r -> !usedAfter.contains(r))
          .forEach(r -> edits.remove(StackNames.usesDir(r.kind(), r.name()) + "/" + stack));
      usedAfter.forEach(r -> edits.put(StackNames.usesDir(r.kind(), r.name()) + "/" + stack, owner));
      edits.put(StateLayout.VERSION_FILE, objects.insert(Constants.OBJ_BLOB, StateLayout.versionFile()));
      ObjectId tree = edits.write(objects);
      ObjectId commit = objects.insert(Constants.OBJ_COMMIT,
          commit(tree, view.map(StateView::commit), message, when, author));
      objects.flush();
      return commit;
    } catch (IOException | UncheckedIOException e) {
      throw new StateException("cannot write to " + repo.getDirectory() + " (" + GitTrees.why(e) + "); check the disk"
          + " and the permissions; nothing was changed (no ref moved)", e);
    }
  }

  /**
   * The commit that moves the layout 1 state at {@code view} into layout 2, on top of it: its stack's
   * files go to {@code stacks/<stack>/} unchanged (the same blobs), the names it declares get their
   * owner files. History stays: it is a commit like any other.
   */
  static ObjectId migrate(Repository repo, StateView view, Instant when, String berthVersion) {
    try (ObjectSink objects = ObjectSink.library(repo)) {
      TreeEdits edits = new TreeEdits(view.reader(), Optional.empty());
      for (String stack : view.stacks()) {
        Map<String, ObjectId> files = view.files(stack);
        String dir = StackNames.stackDir(stack);
        files.forEach((path, id) -> {
          if (!path.equals(StateLayout.VERSION_FILE)) {
            edits.put(dir + "/" + path, id);
          }
        });
        StackFile index = StateLayout.parse(view.blob(files.get(StateLayout.INDEX_FILE)), StackFile.class,
            StateLayout.INDEX_FILE, "state");
        ObjectId owner = objects.insert(Constants.OBJ_BLOB, (stack + "\n").getBytes(StandardCharsets.UTF_8));
        StackNames.owned(files.keySet(), index.taskDefinitions().keySet())
            .keySet().forEach(name -> edits.put(StackNames.ownerPath(name), owner));
      }
      edits.put(StateLayout.VERSION_FILE, objects.insert(Constants.OBJ_BLOB, StateLayout.versionFile()));
      ObjectId tree = edits.write(objects);
      String message = "Move the state to layout " + StateLayout.VERSION + ": one directory per stack\n\n"
          + ApplyCommit.TRAILER_VERSION + ": " + berthVersion + "\n";
      ObjectId commit = objects.insert(Constants.OBJ_COMMIT, commit(tree, Optional.of(view.commit()), message, when,
          GitTrees.BERTH));
      objects.flush();
      return commit;
    } catch (IOException e) {
      throw new StateException("cannot write to " + repo.getDirectory() + " (" + GitTrees.why(e) + "); check the disk"
          + " and the permissions; nothing was changed (no ref moved)", e);
    }
  }

  private static Map<String, ObjectId> insert(ObjectSink objects, Map<String, byte[]> content) {
    List<Map.Entry<String, byte[]>> files = new ArrayList<>(content.entrySet());
    ObjectId[] ids = new ObjectId[files.size()];
    IntStream indexes = IntStream.range(0, ids.length);
    (objects.concurrent() ? indexes.parallel() : indexes).forEach(i -> {
      try {
        ids[i] = objects.insert(Constants.OBJ_BLOB, files.get(i).getValue());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Map<String, ObjectId> blobs = new TreeMap<>();
    for (int i = 0; i < ids.length; i++) {
      blobs.put(files.get(i).getKey(), ids[i]);
    }
    return blobs;
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

  private static byte[] commit(ObjectId tree, Optional<ObjectId> parent, String message, Instant when,
      PersonIdent author) throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setAuthor(new PersonIdent(author, when, ZoneOffset.UTC));
    commit.setCommitter(new PersonIdent(GitTrees.BERTH, when, ZoneOffset.UTC));
    commit.setTreeId(tree);
    parent.ifPresent(commit::setParentId);
    commit.setMessage(message);
    return commit.build();
  }
}
