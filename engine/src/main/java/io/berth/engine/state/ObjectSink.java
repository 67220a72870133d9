package io.berth.engine.state;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

/**
 * Where the new objects of one commit go: JGit's own inserter ({@link #library}), or, for a commit
 * of more than {@value #PACK_ABOVE} files to a repository on disk, a {@link PackWriter}, which hashes
 * and compresses them on every core and writes them as one pack. Both store the same objects under
 * the same ids ({@code PackWriterTest} holds the pack writer to the inserter).
 */
interface ObjectSink extends AutoCloseable {
  /** Commits of more new files than this are written as one pack. */
  int PACK_ABOVE = 64;

  /** Stores {@code content} as an object of {@code type} ({@code Constants.OBJ_BLOB} etc.); returns its id. */
  ObjectId insert(int type, byte[] content) throws IOException;

  /** Whether {@link #insert} may be called from several threads at once. */
  boolean concurrent();

  /** Makes every object inserted so far readable through the repository. */
  void flush() throws IOException;

  /** Releases what the sink holds; objects not flushed are dropped. */
  @Override
  void close();

  /** The sink for a commit of {@code files} new files into {@code repo}. */
  static ObjectSink forCommit(Repository repo, int files) {
    // a blob per file, about as many trees again when every file sits in its own directory
    return files > PACK_ABOVE && repo.getDirectory() != null ? new PackWriter(repo, files * 2) : library(repo);
  }

  /**
   * The sink of a runtime commit: on disk always a {@link PackWriter}, which writes every object it
   * is given, even one the repository already holds. JGit's inserter skips those, and such an
   * object may be garbage of history that {@link RuntimeHistory} dropped and a collection running
   * right now deletes; the new pack is younger than the collection's grace, so it stays. One pack
   * (two files) per commit also takes less disk than a loose file per object (a block each) until
   * the next collection packs them all.
   */
  static ObjectSink forFreshCommit(Repository repo, int files) {
    return repo.getDirectory() == null ? library(repo) : new PackWriter(repo, Math.max(16, files * 2));
  }

  /** JGit's inserter of {@code repo}: for a repository on disk, a loose file per object. */
  static ObjectSink library(Repository repo) {
    ObjectInserter inserter = repo.newObjectInserter();
    return new ObjectSink() {
      @Override
      public ObjectId insert(int type, byte[] content) throws IOException {
        return inserter.insert(type, content);
      }

      @Override
      public boolean concurrent() {
        return false;
      }

      @Override
      public void flush() throws IOException {
        inserter.flush();
      }

      @Override
      public void close() {
        inserter.close();
      }
    };
  }
}
