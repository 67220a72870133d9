package io.berth.engine.state;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
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
   * As {@link #forCommit}, for a commit that must not depend on objects it did not write or find
   * reachable: an object the repository already has is written again, into a pack of its own,
   * instead of being skipped as JGit's inserter does. Such a copy may be garbage from history that
   * {@link RuntimeHistory} dropped and a collection running right now deletes; the new copy is younger
   * than the collection's grace period, so it stays.
   */
  static ObjectSink forFreshCommit(Repository repo, int files) {
    if (repo.getDirectory() == null) {
      return library(repo);
    }
    if (files > PACK_ABOVE) {
      return new PackWriter(repo, files * 2);
    }
    ObjectSink loose = library(repo);
    ObjectReader reader = repo.newObjectReader();
    return new ObjectSink() {
      private PackWriter again;

      @Override
      public ObjectId insert(int type, byte[] content) throws IOException {
        if (!reader.has(new ObjectInserter.Formatter().idFor(type, content))) {
          return loose.insert(type, content);
        }
        if (again == null) {
          again = new PackWriter(repo, 8);
        }
        return again.insert(type, content);
      }

      @Override
      public boolean concurrent() {
        return false;
      }

      @Override
      public void flush() throws IOException {
        loose.flush();
        if (again != null) {
          again.flush();
        }
      }

      @Override
      public void close() {
        reader.close();
        loose.close();
        if (again != null) {
          again.close();
        }
      }
    };
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
