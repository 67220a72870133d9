package io.berth.engine.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The lock a control plane holds on its state repository (the cache of a remote state) for as long
 * as it runs, on the file {@value #FILE} in the repository's directory. Two control planes must not
 * write one runtime ref, and only a control plane writes {@value StateRepository#RUNTIME}: so whoever
 * holds this lock knows that a {@code refs/berth/runtime.lock} it finds was left by a control plane
 * killed in the middle of a commit, and takes it over. Without that, the ref's lock file outlives a
 * kill -9 and every later control plane fails each commit with "locked by another writer".
 *
 * <p>The operating system releases the lock the moment its process ends, however it ends. Within
 * one JVM the held files are tracked here as well, because on Linux closing any channel to a file
 * releases every lock the process holds on it.
 */
final class ControlPlaneLock implements AutoCloseable {
  /** The lock file's name in the repository's directory; Git ignores files it does not know there. */
  static final String FILE = "berth-control-plane.lock";
  private static final Set<Path> HELD = new HashSet<>();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final boolean tookOver;

  private ControlPlaneLock(Path file, FileChannel channel, FileLock lock, boolean tookOver) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.tookOver = tookOver;
  }

  /**
   * Takes the lock on the repository in {@code directory} ({@code where} names the state in
   * messages), then removes a lock file of {@value StateRepository#RUNTIME} left behind.
   *
   * @throws StateException when another control plane holds it, or the file cannot be written
   */
  static ControlPlaneLock acquire(Path directory, String where) {
    Path file = directory.toAbsolutePath().normalize().resolve(FILE);
    synchronized (HELD) {
      if (HELD.contains(file)) {
        throw held(where, directory);
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new StateException("cannot create the control plane's lock file " + file + " (" + GitTrees.why(e)
            + "); check the disk and that the directory is writable by you", e);
      }
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (IOException | OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        close(channel);
        throw held(where, directory);
      }
      HELD.add(file);
      ControlPlaneLock held = null;
      try {
        held = new ControlPlaneLock(file, channel, lock, takeOverRuntimeLock(directory));
        return held;
      } finally {
        if (held == null) {
          HELD.remove(file);
          close(channel);
        }
      }
    }
  }

  /** Whether a lock file of the runtime ref, left by a killed control plane, was removed. */
  boolean tookOverRuntimeLock() {
    return tookOver;
  }

  private static boolean takeOverRuntimeLock(Path directory) {
    Path stale = directory.resolve(StateRepository.RUNTIME + ".lock");
    try {
      return Files.deleteIfExists(stale);
    } catch (IOException e) {
      throw new StateException("cannot remove " + stale + ", the runtime ref's lock file a stopped control plane left"
          + " (" + GitTrees.why(e) + "); check the permissions, or remove it by hand: no other control plane runs", e);
    }
  }

  private static StateException held(String where, Path directory) {
    return new StateException("another berth control plane (berth server or berth up) runs on the state " + where
        + " (it holds " + directory.resolve(FILE) + "); stop it first, or give this one its own state"
        + (where.equals(directory.toString()) ? "" : " cache (--state-cache)"));
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }

  /** Releases the lock (idempotent); the process ending releases it too. */
  @Override
  public void close() {
    synchronized (HELD) {
      if (!HELD.remove(file)) {
        return;
      }
      try {
        lock.release();
      } catch (IOException e) {
        // closing the channel releases it anyway
      }
      close(channel);
    }
  }
}
