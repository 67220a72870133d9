package io.berth.engine.state;

import java.util.Objects;

/**
 * The message and author of an apply commit: the plan summary as the subject, the change list as
 * the body, the {@code Berth-Plan-Id} / {@code Berth-Plan-Digest} trailers that tie the commit to
 * its plan, and who applied it from where ({@link Attribution}: the commit's author and the
 * {@code Berth-Application-Commit}, {@code Berth-Run} and {@code Berth-Version} trailers).
 */
public record ApplyCommit(String subject, String body, String planId, String planDigest, Attribution attribution) {

  /** Requires every part; the subject must be one line. */
  public ApplyCommit {
    Objects.requireNonNull(subject, "subject == null");
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(planId, "planId == null");
    Objects.requireNonNull(planDigest, "planDigest == null");
    Objects.requireNonNull(attribution, "attribution == null");
    if (subject.contains("\n")) {
      throw new IllegalArgumentException("commit subject must be one line: " + subject);
    }
  }

  /** A commit attributed to Berth itself (tests, tools). */
  public ApplyCommit(String subject, String body, String planId, String planDigest) {
    this(subject, body, planId, planDigest, Attribution.berth("dev"));
  }

  /** The full commit message. */
  public String message() {
    StringBuilder text = new StringBuilder(subject).append("\n\n");
    if (!body.isBlank()) {
      text.append(body.strip()).append("\n\n");
    }
    text.append(TRAILER_PLAN_ID).append(": ").append(planId).append('\n')
        .append(TRAILER_PLAN_DIGEST).append(": ").append(planDigest).append('\n');
    attribution.applicationCommit().ifPresent(c -> text.append(TRAILER_APPLICATION_COMMIT).append(": ").append(c)
        .append('\n'));
    attribution.runUrl().ifPresent(url -> text.append(TRAILER_RUN).append(": ").append(url).append('\n'));
    return text.append(TRAILER_VERSION).append(": ").append(attribution.berthVersion()).append('\n').toString();
  }

  /** Trailer naming the plan an apply commit came from. */
  public static final String TRAILER_PLAN_ID = "Berth-Plan-Id";
  /** Trailer holding the SHA-256 of the applied plan file. */
  public static final String TRAILER_PLAN_DIGEST = "Berth-Plan-Digest";
  /** Trailer naming the application repository's commit the desired state was built from. */
  public static final String TRAILER_APPLICATION_COMMIT = "Berth-Application-Commit";
  /** Trailer holding the URL of the CI run that applied. */
  public static final String TRAILER_RUN = "Berth-Run";
  /** Trailer naming the berth version that wrote the commit. */
  public static final String TRAILER_VERSION = "Berth-Version";
}
