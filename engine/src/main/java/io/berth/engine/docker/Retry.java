package io.berth.engine.docker;

import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Retries a Docker call that failed for a known-transient reason (the daemon dropped the connection,
 * or said it is busy), with bounded exponential backoff. Anything else fails at once: a missing
 * image or a port conflict does not get better by asking again.
 */
final class Retry {
  private static final int ATTEMPTS = 4;
  private static final Duration FIRST_DELAY = Duration.ofMillis(100);

  private Retry() {}

  static <T> T transientFailures(Supplier<T> call) {
    RuntimeException last = null;
    long delay = FIRST_DELAY.toMillis();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (!isTransient(e) || attempt == ATTEMPTS) {
          throw e;
        }
        last = e;
        sleep(delay);
        delay *= 3;
      }
    }
    throw last;
  }

  static void transientFailures(Runnable call) {
    transientFailures(() -> {
      call.run();
      return null;
    });
  }

  /** Connection-level failures and the daemon's "busy, try again" answers. */
  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
      if (t instanceof DockerException docker && docker.getHttpStatus() >= 500) {
        String message = String.valueOf(docker.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("busy") || message.contains("try again")
            || message.contains("already in progress") || message.contains("connection reset")
            || message.contains("timeout");
      }
    }
    return false;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry a Docker call", e);
    }
  }
}
