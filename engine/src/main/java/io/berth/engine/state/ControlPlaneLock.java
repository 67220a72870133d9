package io.berth.engine.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lock a control plane holds on its state repository (the cache of a remote state) for as long
 * as it runs: a {@link ProcessLock} on {@value #FILE} in the repository's directory. Two control
 * planes must not write one runtime ref, and only a control plane writes {@value
 * StateRepository#RUNTIME}: so whoever holds this lock knows that a {@code refs/berth/runtime.lock}
 * it finds was left by a control plane killed in the middle of a commit, and takes it over. Without
 * that, the ref's lock file outlives a kill -9 and every later control plane fails each commit
 * with "locked by another writer".
 */
final class ControlPlaneLock implements AutoCloseable {
  /** The lock file's name in the repository's directory; Git ignores files it does not know there. */
  static final String FILE = "berth-control-plane.lock";

  private final ProcessLock lock;
  private final boolean tookOver;

  private ControlPlaneLock(ProcessLock lock, boolean tookOver) {
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
    Path file = directory.resolve(FILE);
    ProcessLock lock;
    try {
      lock = ProcessLock.acquire(file).orElseThrow(() -> new StateException("another berth control plane (berth server"
          + " or berth up) runs on the state " + where + " (it holds " + file + "); stop it first, or give this one its"
          + " own state" + (where.equals(directory.toString()) ? "" : " cache (--state-cache)")));
    } catch (IOException e) {
      throw new StateException("cannot create the control plane's lock file " + file + " (" + GitTrees.why(e)
          + "); check the disk and that the directory is writable by you", e);
    }
    Path stale = directory.resolve(StateRepository.RUNTIME + ".lock");
    try {
      return new ControlPlaneLock(lock, Files.deleteIfExists(stale));
    } catch (IOException e) {
      lock.close();
      throw new StateException("cannot remove " + stale + ", the runtime ref's lock file a stopped control plane left"
          + " (" + GitTrees.why(e) + "); check the permissions, or remove it by hand: no other control plane runs", e);
    }
  }

  /** Whether a lock file of the runtime ref, left by a killed control plane, was removed. */
  boolean tookOverRuntimeLock() {
    return tookOver;
  }

  /** Releases the lock (idempotent); the process ending releases it too. */
  @Override
  public void close() {
    lock.close();
  }
}
