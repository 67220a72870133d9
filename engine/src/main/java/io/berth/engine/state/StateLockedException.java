package io.berth.engine.state;

/**
 * Another writer holds the ref's lock file right now (the ref itself has not moved yet). Nothing was
 * changed; retrying shortly usually succeeds, unless a crashed writer left the lock file behind.
 */
public final class StateLockedException extends StateException {
  private static final long serialVersionUID = 1L;

  /** {@code ref} in {@code repository} is locked by another writer. */
  public StateLockedException(String repository, String ref) {
    super(ref + " in " + repository + " is locked by another writer; nothing was changed. Try again;"
        + " if no other berth process runs, remove the stale lock file " + ref + ".lock in " + repository);
  }
}
