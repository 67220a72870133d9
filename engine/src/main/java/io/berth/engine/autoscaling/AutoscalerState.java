package io.berth.engine.autoscaling;

import java.time.Instant;
import java.util.Optional;

/**
 * What the autoscaler remembers between evaluations of one service: when it last scaled out and in
 * (for cooldowns), the min/max capacity the latest scheduled action set, and when it last evaluated
 * (scheduled actions fire for the time since then).
 */
public record AutoscalerState(Optional<Instant> lastScaleOut, Optional<Instant> lastScaleIn,
    Optional<Integer> scheduledMinCapacity, Optional<Integer> scheduledMaxCapacity, Optional<Instant> lastEvaluated) {

  /** A service never evaluated. */
  public static final AutoscalerState INITIAL =
      new AutoscalerState(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Normalises absent members (state read back from JSON may omit them). */
  public AutoscalerState {
    lastScaleOut = lastScaleOut == null ? Optional.empty() : lastScaleOut;
    lastScaleIn = lastScaleIn == null ? Optional.empty() : lastScaleIn;
    scheduledMinCapacity = scheduledMinCapacity == null ? Optional.empty() : scheduledMinCapacity;
    scheduledMaxCapacity = scheduledMaxCapacity == null ? Optional.empty() : scheduledMaxCapacity;
    lastEvaluated = lastEvaluated == null ? Optional.empty() : lastEvaluated;
  }

  /** The latest scaling activity in either direction. */
  Optional<Instant> lastScale() {
    if (lastScaleOut.isEmpty()) {
      return lastScaleIn;
    }
    if (lastScaleIn.isEmpty()) {
      return lastScaleOut;
    }
    return Optional.of(lastScaleOut.get().isAfter(lastScaleIn.get()) ? lastScaleOut.get() : lastScaleIn.get());
  }
}
