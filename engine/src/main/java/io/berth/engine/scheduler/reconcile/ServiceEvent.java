package io.berth.engine.scheduler.reconcile;

import java.time.Instant;
import java.util.Objects;

/**
 * A service event in ECS's words, e.g. "(service web) has reached a steady state." The control plane
 * appends these to the service's event log, newest first.
 */
public record ServiceEvent(Instant createdAt, String message) {
  /** Checks required members. */
  public ServiceEvent {
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(message, "message == null");
  }
}
