package io.berth.engine.server;

import io.berth.engine.state.StateRepository;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a control plane on a remote state current, on its own thread ("berth-state") so that the
 * network never holds up a reconcile tick: fetches {@code main} every {@code poll} and at once when
 * a webhook says it moved ({@link #fetchSoon}), then asks for a reconcile; and publishes what the
 * control plane observes to {@code refs/berth/observed} at most every {@link #PUBLISH_INTERVAL},
 * only when it changed. The SSH session (if any) is closed after each round. A failure keeps the
 * last good state, is logged once and shows in the status until a round succeeds.
 */
final class StateFollower implements AutoCloseable {
  /** Observations are published at most this often. */
  static final Duration PUBLISH_INTERVAL = Duration.ofSeconds(10);
  private static final System.Logger LOG = System.getLogger(StateFollower.class.getName());

  private final StateRepository state;
  private final Runnable onMoved;
  private final ScheduledExecutorService thread;
  private final AtomicBoolean fetchQueued = new AtomicBoolean();
  private volatile Optional<String> problem = Optional.empty();

  StateFollower(StateRepository state, Runnable onMoved) {
    this.state = state;
    this.onMoved = onMoved;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "berth-state");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts polling every {@code poll} and publishing every {@link #PUBLISH_INTERVAL}. */
  void start(Duration poll) {
    thread.scheduleWithFixedDelay(this::fetch, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    long publish = PUBLISH_INTERVAL.toMillis();
    thread.scheduleWithFixedDelay(this::publish, publish, publish, TimeUnit.MILLISECONDS);
  }

  /** A fetch as soon as the thread is free (a webhook's); several requests meanwhile make one fetch. */
  void fetchSoon() {
    if (fetchQueued.compareAndSet(false, true)) {
      try {
        thread.execute(() -> {
          fetchQueued.set(false);
          fetch();
        });
      } catch (RejectedExecutionException e) {
        fetchQueued.set(false); // stopping: no more fetches, and none needed
      }
    }
  }

  /** Why the last round failed, if it did: shown with the declared state's problems. */
  List<String> problems() {
    return problem.map(List::of).orElse(List.of());
  }

  private void fetch() {
    round("fetch", () -> {
      if (state.refresh()) {
        onMoved.run();
      }
    });
  }

  private void publish() {
    round("publish observations", state::publishObservations);
  }

  private void round(String what, Runnable work) {
    try {
      work.run();
      problem = Optional.empty();
    } catch (RuntimeException e) { // a StateException names the fix; anything else is logged as it is
      String message = "cannot " + what + ": " + e.getMessage();
      if (!problem.equals(Optional.of(message))) {
        LOG.log(Level.ERROR, message);
      }
      problem = Optional.of(message);
    } finally {
      state.disconnect();
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
