package io.berth.engine.state;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the state history ({@code berth history}): a commit of {@code main} with its
 * summary line and the plan trailers of the apply that made it.
 */
public record StateCommit(String id, Instant time, String summary, String message,
    Optional<String> planId, Optional<String> planDigest) {

  /** Requires the identity and texts. */
  public StateCommit {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(time, "time == null");
    Objects.requireNonNull(summary, "summary == null");
    Objects.requireNonNull(message, "message == null");
    planId = planId == null ? Optional.empty() : planId;
    planDigest = planDigest == null ? Optional.empty() : planDigest;
  }

  /** The first 12 hex digits, as shown to people. */
  public String shortId() {
    return id.substring(0, Math.min(12, id.length()));
  }
}
