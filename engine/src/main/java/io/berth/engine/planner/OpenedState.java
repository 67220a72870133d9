package io.berth.engine.planner;

import io.berth.engine.state.StateRepository;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A state repository opened on another thread while this one read the command's input (the
 * desired state): on a cold JVM each of the two loads and initialises its own libraries (JGit, and
 * Jackson over the model), so doing them side by side takes the time of the longer one.
 *
 * <p>Failures come out as they would one after the other, repository first: a repository that
 * cannot be opened is the error even when the input is broken too; a broken input closes the
 * opened repository and is the error.
 *
 * @param repo the opened repository; the caller closes it
 * @param input what {@code read} returned
 */
public record OpenedState<T>(StateRepository repo, T input) {

  /** Opens the repository with {@code open} on another thread while this one runs {@code read}. */
  public static <T> OpenedState<T> openWhile(Supplier<StateRepository> open, Supplier<T> read) {
    CompletableFuture<StateRepository> opening = CompletableFuture.supplyAsync(open);
    T input;
    try {
      input = read.get();
    } catch (RuntimeException | Error e) {
      joined(opening).close();
      throw e;
    }
    return new OpenedState<>(joined(opening), input);
  }

  /** What {@code future} computed, or the error it threw, as it was thrown. */
  public static <V> V joined(CompletableFuture<V> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}
