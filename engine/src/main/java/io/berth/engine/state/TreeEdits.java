package io.berth.engine.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Edits of an existing Git tree: files put or removed, whole directories removed. Only the
 * directories on an edited path are read and written again; every other subtree keeps its id. An
 * apply of one stack thus rewrites its own directory and a few index files, however many other
 * stacks the state holds.
 */
final class TreeEdits {
  private final ObjectReader reader;
  private final Node root;

  /** Edits of {@code base} (empty: a new tree), read through {@code reader}. */
  TreeEdits(ObjectReader reader, Optional<ObjectId> base) {
    this.reader = reader;
    this.root = new Node(base.orElse(null));
  }

  /** Puts the blob {@code id} at {@code path}, replacing a file there. */
  void put(String path, ObjectId id) {
    String[] parts = path.split("/");
    Node node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.child(parts[i], true);
    }
    node.entries().put(parts[parts.length - 1], new Leaf(FileMode.REGULAR_FILE, id, null));
  }

  /** Removes the file or directory at {@code path}, if there is one. */
  void remove(String path) {
    String[] parts = path.split("/");
    Node node = root;
    for (int i = 0; i < parts.length - 1 && node != null; i++) {
      node = node.child(parts[i], false);
    }
    if (node != null) {
      node.entries().remove(parts[parts.length - 1]);
    }
  }

  /** Writes the edited trees into {@code objects}; returns the root tree's id. */
  ObjectId write(ObjectSink objects) throws IOException {
    return root.write(objects);
  }

  private record Leaf(FileMode mode, ObjectId id, Node node) {}

  private final class Node {
    private final ObjectId base;
    private Map<String, Leaf> entries;

    Node(ObjectId base) {
      this.base = base;
    }

    Map<String, Leaf> entries() {
      if (entries == null) {
        entries = new TreeMap<>();
        if (base != null) {
          try {
            for (CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, base); !parser.eof();
                parser.next()) {
              entries.put(parser.getEntryPathString(), new Leaf(parser.getEntryFileMode(),
                  parser.getEntryObjectId(), null));
            }
          } catch (IOException e) {
            throw new StateException("cannot read tree " + base.name() + " of the state: " + e.getMessage()
                + "; nothing was changed", e);
          }
        }
      }
      return entries;
    }

    /** The subdirectory {@code name} to edit: loaded from the tree, created when {@code create}. */
    Node child(String name, boolean create) {
      Leaf leaf = entries().get(name);
      if (leaf != null && leaf.node() != null) {
        return leaf.node();
      }
      if (leaf != null && leaf.mode() == FileMode.TREE) {
        Node node = new Node(leaf.id());
        entries.put(name, new Leaf(FileMode.TREE, null, node));
        return node;
      }
      if (!create) {
        return null;
      }
      Node node = new Node(null);
      entries.put(name, new Leaf(FileMode.TREE, null, node));
      return node;
    }

    /** This directory's tree, or null when it ended up empty (Git keeps no empty directory). */
    ObjectId write(ObjectSink objects) throws IOException {
      if (entries == null) {
        return base;
      }
      List<Object[]> lines = new ArrayList<>();
      for (Map.Entry<String, Leaf> entry : entries.entrySet()) {
        Leaf leaf = entry.getValue();
        ObjectId id = leaf.node() == null ? leaf.id() : leaf.node().write(objects);
        if (id != null) {
          FileMode mode = leaf.node() == null ? leaf.mode() : FileMode.TREE;
          lines.add(new Object[] {(mode == FileMode.TREE ? entry.getKey() + "/" : entry.getKey())
              .getBytes(StandardCharsets.UTF_8), mode, id});
        }
      }
      if (lines.isEmpty()) {
        return null;
      }
      lines.sort(Comparator.comparing(line -> (byte[]) line[0], Arrays::compareUnsigned));
      TreeFormatter tree = new TreeFormatter();
      for (Object[] line : lines) {
        byte[] key = (byte[]) line[0];
        FileMode mode = (FileMode) line[1];
        tree.append(key, 0, mode == FileMode.TREE ? key.length - 1 : key.length, mode, (ObjectId) line[2]);
      }
      return objects.insert(Constants.OBJ_TREE, tree.toByteArray());
    }
  }
}
