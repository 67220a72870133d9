package io.berth.engine.state;

import java.util.Objects;

/**
 * The message of an apply commit: the plan summary as the subject, the change list as the body and
 * the {@code Berth-Plan-Id} / {@code Berth-Plan-Digest} trailers that tie the commit to its plan.
 */
public record ApplyCommit(String subject, String body, String planId, String planDigest) {

  /** Requires every part; the subject must be one line. */
  public ApplyCommit {
    Objects.requireNonNull(subject, "subject == null");
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(planId, "planId == null");
    Objects.requireNonNull(planDigest, "planDigest == null");
    if (subject.contains("\n")) {
      throw new IllegalArgumentException("commit subject must be one line: " + subject);
    }
  }

  /** The full commit message. */
  public String message() {
    StringBuilder text = new StringBuilder(subject).append("\n\n");
    if (!body.isBlank()) {
      text.append(body.strip()).append("\n\n");
    }
    return text.append(TRAILER_PLAN_ID).append(": ").append(planId).append('\n')
        .append(TRAILER_PLAN_DIGEST).append(": ").append(planDigest).append('\n').toString();
  }

  /** Trailer naming the plan an apply commit came from. */
  public static final String TRAILER_PLAN_ID = "Berth-Plan-Id";
  /** Trailer holding the SHA-256 of the applied plan file. */
  public static final String TRAILER_PLAN_DIGEST = "Berth-Plan-Digest";
}
