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
 * An operating-system lock on a file, held by a process for as long as it runs: how Berth tells
 * that a {@code berth up} ({@code .berth/up.lock}) or a control plane on a state repository
 * ({@link ControlPlaneLock}) still runs. The lock goes the moment its process ends, however it
 * ends (kill -9 included), whereas a process id outlives its process (a zombie still counts as
 * alive) and may be reused.
 *
 * <p>The file is never deleted: a new lock on a new file of the same name would not exclude a
 * process still holding the old one. Within one JVM the held files are tracked here as well,
 * because on Linux closing any channel to a file releases every lock the process holds on it: a
 * check made by the process that holds the lock must not open the file.
 */
public final class ProcessLock implements AutoCloseable {
  /** Lock files this JVM holds; guards every lock and check of this JVM. */
  private static final Set<Path> HELD = new HashSet<>();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private ProcessLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock on {@code file} (created, with its directory, when missing); empty when this
   * process or another holds it.
   *
   * @throws IOException when the file cannot be created or opened
   */
  public static Optional<ProcessLock> acquire(Path file) throws IOException {
    Path path = file.toAbsolutePath().normalize();
    synchronized (HELD) {
      if (HELD.contains(path)) {
        return Optional.empty();
      }
      Files.createDirectories(path.getParent());
      FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
      HELD.add(path);
      return Optional.of(new ProcessLock(path, channel, lock));
    }
  }

  /** Whether a running process (this one or another) holds the lock on {@code file}. */
  public static boolean held(Path file) {
    Path path = file.toAbsolutePath().normalize();
    synchronized (HELD) {
      if (HELD.contains(path)) {
        return true;
      }
      if (!Files.isRegularFile(path)) {
        return false; // no process ever took it
      }
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
        FileLock probe = channel.tryLock();
        if (probe == null) {
          return true;
        }
        probe.release();
        return false;
      } catch (OverlappingFileLockException e) {
        return true;
      } catch (IOException e) {
        return false; // a file this user cannot open is no lock of a process this user can talk to
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
        // closing the channel below releases it anyway
      }
      try {
        channel.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
  }
}
