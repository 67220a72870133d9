package io.berth.engine.agent;

import io.berth.engine.api.SyncResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Hands the control plane's answers from an agent's sync thread to its task thread, so that the
 * sync thread never waits for Docker or the disk: a host whose Docker engine is slow still syncs,
 * and the control plane does not take it for lost. Only the newest answer is kept (sync answers are
 * level-triggered: each carries the full desired set), and a request to adopt the host's containers
 * (after a registration) is always taken before any answer.
 */
final class AssignmentMailbox {
  // Waits here are bounded with monotonic time, not the agent's clock: they pace two threads of this
  // process, and a clock that stands still in a test must not hold them forever.

  /** What the task thread does next. */
  record Work(boolean adopt, Optional<SyncResponse> answer) {}

  private SyncResponse answer;
  private boolean adopt;
  private boolean closed;
  /** The task thread is acting on work it took. */
  private boolean busy;

  /** Keeps {@code response} for the task thread, replacing an answer it has not taken yet. */
  synchronized void offer(SyncResponse response) {
    answer = response;
    notifyAll();
  }

  /** Asks the task thread to adopt this host's containers before it applies any answer. */
  synchronized void requestAdoption() {
    adopt = true;
    notifyAll();
  }

  /** An adoption that failed: asked again, ahead of the answers that arrive meanwhile. */
  synchronized void adoptionFailed() {
    adopt = true;
  }

  /** The task thread is done with the work it took last. */
  synchronized void done() {
    busy = false;
    notifyAll();
  }

  /**
   * Waits up to {@code max} until the task thread has acted on everything handed to it: the sync
   * thread then reports the launches and stops of the last answer in its next sync, instead of
   * starting a blocking sync it would abandon a moment later. Bounded, so a task thread stuck on
   * Docker never holds syncs back for longer than {@code max}.
   */
  synchronized void awaitIdle(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!closed && (busy || adopt || answer != null)) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
  }

  /** Ends every {@link #take} now and from now on. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /**
   * Waits up to {@code max} for work; empty when there is none (the task thread then does its
   * periodic chores) or the mailbox is closed.
   */
  synchronized Optional<Work> take(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!closed && !adopt && answer == null) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return Optional.empty();
      }
      TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
    if (closed) {
      return Optional.empty();
    }
    Work work = new Work(adopt, Optional.ofNullable(answer));
    adopt = false;
    answer = null;
    busy = true;
    return Optional.of(work);
  }
}
