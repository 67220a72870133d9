package io.berth.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** Reads a commit's files and writes a tree of files as a commit: the plumbing both refs share. */
final class GitTrees {
  static final PersonIdent BERTH = new PersonIdent("Berth", "berth@localhost");

  private GitTrees() {}

  /** Every file of {@code commit}'s tree, by path, sorted. */
  static Map<String, ObjectId> files(Repository repo, ObjectId commit) {
    return files(repo, commit, "");
  }

  /** The files under directory {@code prefix} ({@code ""} for all) of {@code commit}'s tree. */
  static Map<String, ObjectId> files(Repository repo, ObjectId commit, String prefix) {
    try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
      RevCommit parsed = walk.parseCommit(commit);
      tree.addTree(parsed.getTree());
      tree.setRecursive(true);
      if (!prefix.isEmpty()) {
        tree.setFilter(PathFilter.create(prefix));
      }
      Map<String, ObjectId> files = new TreeMap<>();
      while (tree.next()) {
        files.put(tree.getPathString(), tree.getObjectId(0));
      }
      return files;
    } catch (IOException e) {
      throw damaged(repo, "commit " + commit.name(), e);
    }
  }

  /** A commit's files (path to blob id) and the tree id of each of its directories ({@code ""} is the root). */
  record Listing(Map<String, ObjectId> files, Map<String, ObjectId> trees) {}

  /** The files and directory trees of {@code commit}. */
  static Listing listing(Repository repo, ObjectId commit) {
    try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
      RevCommit parsed = walk.parseCommit(commit);
      Map<String, ObjectId> files = new TreeMap<>();
      Map<String, ObjectId> trees = new HashMap<>();
      trees.put("", parsed.getTree().copy());
      tree.addTree(parsed.getTree());
      while (tree.next()) {
        if (tree.isSubtree()) {
          trees.put(tree.getPathString(), tree.getObjectId(0));
          tree.enterSubtree();
        } else {
          files.put(tree.getPathString(), tree.getObjectId(0));
        }
      }
      return new Listing(files, trees);
    } catch (IOException e) {
      throw damaged(repo, "commit " + commit.name(), e);
    }
  }

  /** The content of {@code path} in {@code commit}'s tree, if the file exists. */
  static Optional<byte[]> readPath(Repository repo, ObjectId commit, String path) {
    try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
      RevCommit parsed = walk.parseCommit(commit);
      try (TreeWalk found = TreeWalk.forPath(repo, path, parsed.getTree())) {
        return found == null ? Optional.empty() : Optional.of(read(repo, reader, path, found.getObjectId(0)));
      }
    } catch (IOException e) {
      throw damaged(repo, path + " at " + commit.name(), e);
    }
  }

  static byte[] read(Repository repo, ObjectReader reader, String path, ObjectId blob) {
    try {
      return reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
    } catch (IOException e) {
      throw damaged(repo, path + " (" + blob.name() + ")", e);
    }
  }

  /**
   * Writes {@code files} (new content as bytes, or ids of blobs already stored) as a tree and a
   * commit with {@code parent}, into the {@link ObjectSink} for that many files: large writes go into
   * one pack, hashed and compressed on every core, instead of thousands of loose files.
   */
  static ObjectId commit(Repository repo, Map<String, byte[]> content, Map<String, ObjectId> kept,
      Optional<ObjectId> parent, String message, Instant when) {
    return commit(repo, content, kept, parent, message, when, BERTH);
  }

  /** As above, with {@code author} as the commit's author (the committer stays Berth). */
  static ObjectId commit(Repository repo, Map<String, byte[]> content, Map<String, ObjectId> kept,
      Optional<ObjectId> parent, String message, Instant when, PersonIdent author) {
    try (ObjectSink objects = ObjectSink.forCommit(repo, content.size())) {
      return commit(objects, content, kept, parent, message, when, author);
    } catch (IOException | UncheckedIOException e) {
      throw new StateException("cannot write to " + repo.getDirectory() + " (" + why(e) + "); check the disk and the"
          + " permissions; nothing was changed (no ref moved)", e);
    }
  }

  /** As {@link #commit(Repository, Map, Map, Optional, String, Instant, PersonIdent)}, into {@code objects}, flushed. */
  static ObjectId commit(ObjectSink objects, Map<String, byte[]> content, Map<String, ObjectId> kept,
      Optional<ObjectId> parent, String message, Instant when, PersonIdent author) throws IOException {
    List<Map.Entry<String, byte[]>> files = new ArrayList<>(content.entrySet());
    ObjectId[] blobs = new ObjectId[files.size()];
    IntStream indexes = IntStream.range(0, files.size());
    (objects.concurrent() ? indexes.parallel() : indexes).forEach(i -> {
      try {
        blobs[i] = objects.insert(Constants.OBJ_BLOB, files.get(i).getValue());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Directory root = new Directory();
    kept.forEach(root::put);
    for (int i = 0; i < blobs.length; i++) {
      root.put(files.get(i).getKey(), blobs[i]);
    }
    ObjectId tree = root.write(objects, objects.concurrent());
    ObjectId id = objects.insert(Constants.OBJ_COMMIT, commit(tree, parent, message, when, author));
    objects.flush();
    return id;
  }

  /** A commit written by {@link #commitChanges} and the trees of its directories. */
  record Written(ObjectId commit, Map<String, ObjectId> trees) {}

  /**
   * Writes the commit whose files are {@code after} (path to blob id) on {@code parent}, whose files
   * and trees are {@code base}: the blobs of {@code content} (the files with new content) and the
   * trees of the directories where a file was added, changed or removed are written, every other
   * directory keeps its tree. A commit that changes one task of a large cluster so writes a few
   * small trees, not one listing every task. Goes into {@code objects}, flushed.
   */
  static Written commitChanges(ObjectSink objects, Listing base, Map<String, byte[]> content,
      Map<String, ObjectId> after, Optional<ObjectId> parent, String message, Instant when) throws IOException {
    Set<String> dirty = new HashSet<>();
    if (!base.trees().containsKey("")) {
      dirty.add(""); // the first commit
    }
    base.files().forEach((path, blob) -> {
      if (!blob.equals(after.get(path))) {
        markDirty(dirty, path);
      }
    });
    content.keySet().forEach(path -> markDirty(dirty, path));
    Directory root = new Directory();
    base.trees().forEach((path, tree) -> {
      if (!path.isEmpty() && !dirty.contains(path) && dirty.contains(parent(path))) {
        root.putTree(path, tree);
      }
    });
    after.forEach((path, blob) -> {
      if (!content.containsKey(path) && dirty.contains(parent(path))) {
        root.put(path, blob);
      }
    });
    for (Map.Entry<String, byte[]> file : content.entrySet()) {
      root.put(file.getKey(), objects.insert(Constants.OBJ_BLOB, file.getValue()));
    }
    Map<String, ObjectId> trees = new ConcurrentHashMap<>();
    base.trees().forEach((path, tree) -> {
      if (!dirty.contains(path)) {
        trees.put(path, tree);
      }
    });
    ObjectId tree = dirty.contains("") ? root.write(objects, objects.concurrent(), "", trees) : base.trees().get("");
    ObjectId id = objects.insert(Constants.OBJ_COMMIT, commit(tree, parent, message, when, BERTH));
    objects.flush();
    return new Written(id, trees);
  }

  /** Adds the directories above {@code path} to {@code dirty} (stopping at one already there). */
  private static void markDirty(Set<String> dirty, String path) {
    String directory = parent(path);
    while (dirty.add(directory) && !directory.isEmpty()) {
      directory = parent(directory);
    }
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static byte[] commit(ObjectId tree, Optional<ObjectId> parent, String message, Instant when,
      PersonIdent author) throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setAuthor(new PersonIdent(author, when, ZoneOffset.UTC));
    commit.setCommitter(new PersonIdent(BERTH, when, ZoneOffset.UTC));
    commit.setTreeId(tree);
    parent.ifPresent(commit::setParentId);
    commit.setMessage(message);
    return commit.build();
  }

  static ObjectId blobId(byte[] content) {
    return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, content);
  }

  /**
   * A directory being written: files by name and subdirectories by name. Written straight as Git
   * trees; an in-core DirCache would sort, validate and re-walk every path of a 10,000-file state.
   */
  private static final class Directory {
    private final Map<String, ObjectId> files = new HashMap<>();
    private final Map<String, Directory> directories = new HashMap<>();
    /** Subdirectories kept whole from the commit written on: name to tree id. */
    private final Map<String, ObjectId> trees = new HashMap<>();

    void put(String path, ObjectId blob) {
      Directory directory = parentOf(path);
      directory.files.put(name(path, path.lastIndexOf('/') + 1, path.length()), blob);
    }

    /** Puts the existing tree {@code tree} as directory {@code path}. */
    void putTree(String path, ObjectId tree) {
      parentOf(path).trees.put(name(path, path.lastIndexOf('/') + 1, path.length()), tree);
    }

    private Directory parentOf(String path) {
      Directory directory = this;
      int start = 0;
      for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
        directory = directory.directories.computeIfAbsent(name(path, start, slash), name -> new Directory());
        start = slash + 1;
      }
      return directory;
    }

    /** A path segment Git accepts in a tree (the checks an index would make on the whole path). */
    private static String name(String path, int start, int end) {
      String name = path.substring(start, end);
      if (name.isEmpty() || name.equals(".") || name.equals("..") || name.equalsIgnoreCase(".git")) {
        throw new IllegalArgumentException("invalid path '" + path + "' for the state repository: segment '" + name
            + "' is not allowed in a Git tree");
      }
      return name;
    }

    /**
     * Writes this directory's trees, bottom up. With {@code parallel} ({@code objects} must then
     * be thread-safe) the subdirectories of a wide directory, such as the thousands of task
     * definition families, are written on every core.
     */
    ObjectId write(ObjectSink objects, boolean parallel) throws IOException {
      return write(objects, parallel, null, null);
    }

    /** As {@link #write(ObjectSink, boolean)}, recording each tree written by path in {@code written} when given. */
    ObjectId write(ObjectSink objects, boolean parallel, String path, Map<String, ObjectId> written) throws IOException {
      List<Entry> entries = new ArrayList<>(files.size() + directories.size() + trees.size());
      files.forEach((name, blob) -> entries.add(Entry.of(name, FileMode.REGULAR_FILE, blob)));
      trees.forEach((name, tree) -> entries.add(Entry.of(name, FileMode.TREE, tree)));
      if (parallel && directories.size() > 64) {
        List<Map.Entry<String, Directory>> children = new ArrayList<>(directories.entrySet());
        ObjectId[] ids = new ObjectId[children.size()];
        IntStream.range(0, ids.length).parallel().forEach(i -> {
          try {
            ids[i] = children.get(i).getValue().write(objects, false, child(path, children.get(i).getKey()), written);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        for (int i = 0; i < ids.length; i++) {
          entries.add(Entry.of(children.get(i).getKey(), FileMode.TREE, ids[i]));
        }
      } else {
        for (Map.Entry<String, Directory> directory : directories.entrySet()) {
          entries.add(Entry.of(directory.getKey(), FileMode.TREE,
              directory.getValue().write(objects, parallel, child(path, directory.getKey()), written)));
        }
      }
      entries.sort(Comparator.comparing(Entry::sortKey, Arrays::compareUnsigned));
      // sized exactly: the default 8 KiB buffer per tree is 40 MB of garbage for 5,000 families
      int size = 0;
      for (Entry entry : entries) {
        size += TreeFormatter.entrySize(entry.mode(), entry.nameLength());
      }
      TreeFormatter tree = new TreeFormatter(size);
      for (Entry entry : entries) {
        tree.append(entry.sortKey(), 0, entry.nameLength(), entry.mode(), entry.id());
      }
      ObjectId id = objects.insert(Constants.OBJ_TREE, tree.toByteArray());
      if (written != null) {
        written.put(path, id);
      }
      return id;
    }

    private static String child(String path, String name) {
      return path == null ? null : path.isEmpty() ? name : path + "/" + name;
    }
  }

  /** One line of a tree. Git orders a tree by name bytes, a directory's name as if it ended in '/'. */
  private record Entry(String name, FileMode mode, ObjectId id, byte[] sortKey) {
    static Entry of(String name, FileMode mode, ObjectId id) {
      return new Entry(name, mode, id, (mode == FileMode.TREE ? name + "/" : name).getBytes(StandardCharsets.UTF_8));
    }

    /** The name's length in bytes: the sort key without a directory's '/'. */
    int nameLength() {
      return mode == FileMode.TREE ? sortKey.length - 1 : sortKey.length;
    }
  }

  static StateException damaged(Repository repo, String what, Exception cause) {
    return new StateException("state repository " + repo.getDirectory() + " is damaged: cannot read " + what
        + " (" + why(cause) + "); run git --git-dir " + repo.getDirectory() + " fsck and restore it from a clone or"
        + " backup", cause);
  }

  /** What went wrong reading or writing Git objects, in Git's words rather than JGit's exception names. */
  static String why(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof MissingObjectException missing) {
        return "Git object " + missing.getObjectId().name() + " is missing";
      }
      if (t instanceof CorruptObjectException || t instanceof IncorrectObjectTypeException) {
        return "a Git object is corrupt";
      }
      if (t instanceof java.nio.file.NoSuchFileException absent) {
        return absent.getFile() + " does not exist";
      }
      if (t instanceof java.nio.file.AccessDeniedException denied) {
        return denied.getFile() + " is not readable or writable by you";
      }
      if (t instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
        return fs.getFile() + ": " + fs.getReason().toLowerCase(java.util.Locale.ROOT);
      }
      // a write() that fails for want of space is a plain IOException; only its text says why
      if (t instanceof java.io.IOException && t.getMessage() != null && t.getMessage().contains("No space left")) {
        return "the disk is full";
      }
    }
    return "a Git object or file cannot be read or written";
  }
}
