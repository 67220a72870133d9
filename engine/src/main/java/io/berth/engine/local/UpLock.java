package io.berth.engine.local;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The lock a local cluster ({@code berth up}) holds on {@code .berth/up.lock} for as long as it
 * runs: how {@code berth up}, {@code apply}, {@code down} and the runtime commands tell whether the
 * cluster of a {@code .berth/up.json} still runs. The operating system releases the lock the moment
 * its process ends, however it ends (kill -9 included), whereas a process id outlives its process
 * (an exited process not yet reaped by its parent still counts as alive) and may be reused.
 *
 * <p>The file is never deleted: a new lock on a new file of the same name would not exclude a
 * process still holding the old one. Within one JVM the held locks are also tracked here, because
 * on Linux closing any channel to a file releases every lock the process holds on it: a check made
 * by the process that holds the lock must not open the file.
 */
public final class UpLock implements AutoCloseable {
  /** Lock files this JVM holds; guards every lock and check of this JVM. */
  private static final Set<Path> HELD = new HashSet<>();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private UpLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** {@code .berth/up.lock} under {@code directory}. */
  public static Path path(Path directory) {
    return directory.toAbsolutePath().normalize().resolve(".berth").resolve("up.lock");
  }

  /** Takes the lock of the local cluster in {@code directory}; empty when a running cluster holds it. */
  public static Optional<UpLock> acquire(Path directory) {
    Path file = path(directory);
    synchronized (HELD) {
      if (HELD.contains(file)) {
        return Optional.empty();
      }
      try {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
        if (lock == null) {
          channel.close();
          return Optional.empty();
        }
        HELD.add(file);
        return Optional.of(new UpLock(file, channel, lock));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Whether a running local cluster (of this process or another) holds the lock in {@code directory}. */
  public static boolean held(Path directory) {
    Path file = path(directory);
    synchronized (HELD) {
      if (HELD.contains(file)) {
        return true;
      }
      if (!Files.isRegularFile(file)) {
        return false; // no berth up ever ran here
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        FileLock probe = channel.tryLock();
        if (probe == null) {
          return true;
        }
        probe.release();
        return false;
      } catch (OverlappingFileLockException e) {
        return true;
      } catch (IOException e) {
        return false; // a file this user cannot open is no cluster this user can talk to
      }
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
        // Closing the channel below releases it anyway.
      }
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing left to release.
      }
    }
  }
}
