package io.berth.engine.state;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the state history ({@code berth history}): a commit of {@code main} with its
 * author, summary line and the trailers of the apply that made it.
 *
 * @param author {@code Name <email>} of who applied
 * @param runUrl the CI run that applied ({@code Berth-Run}), if any
 * @param applicationCommit the application repository's commit ({@code Berth-Application-Commit}), if known
 * @param berthVersion the berth version that wrote the commit ({@code Berth-Version}), if recorded
 */
public record StateCommit(String id, Instant time, String author, String summary, String message,
    Optional<String> planId, Optional<String> planDigest, Optional<String> runUrl,
    Optional<String> applicationCommit, Optional<String> berthVersion) {

  /** Requires the identity and texts. */
  public StateCommit {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(time, "time == null");
    Objects.requireNonNull(author, "author == null");
    Objects.requireNonNull(summary, "summary == null");
    Objects.requireNonNull(message, "message == null");
    planId = planId == null ? Optional.empty() : planId;
    planDigest = planDigest == null ? Optional.empty() : planDigest;
    runUrl = runUrl == null ? Optional.empty() : runUrl;
    applicationCommit = applicationCommit == null ? Optional.empty() : applicationCommit;
    berthVersion = berthVersion == null ? Optional.empty() : berthVersion;
  }

  /** The first 12 hex digits, as shown to people. */
  public String shortId() {
    return id.substring(0, Math.min(12, id.length()));
  }
}
