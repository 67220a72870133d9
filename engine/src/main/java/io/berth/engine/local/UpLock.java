package io.berth.engine.local;

import io.berth.engine.state.ProcessLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The lock a local cluster ({@code berth up}) holds on {@code .berth/up.lock} for as long as it
 * runs: how {@code berth up}, {@code apply}, {@code down} and the runtime commands tell whether the
 * cluster of a {@code .berth/up.json} still runs. A {@link ProcessLock}, so it goes with its
 * process however that ends, where a process id would outlive it.
 */
public final class UpLock implements AutoCloseable {
  private final ProcessLock lock;

  private UpLock(ProcessLock lock) {
    this.lock = lock;
  }

  /** {@code .berth/up.lock} under {@code directory}. */
  public static Path path(Path directory) {
    return directory.toAbsolutePath().normalize().resolve(".berth").resolve("up.lock");
  }

  /** Takes the lock of the local cluster in {@code directory}; empty when a running cluster holds it. */
  public static Optional<UpLock> acquire(Path directory) {
    Path file = path(directory);
    try {
      return ProcessLock.acquire(file).map(UpLock::new);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether a running local cluster (of this process or another) holds the lock in {@code directory}. */
  public static boolean held(Path directory) {
    return ProcessLock.held(path(directory));
  }

  /** Releases the lock (idempotent); the process ending releases it too. */
  @Override
  public void close() {
    lock.close();
  }
}
