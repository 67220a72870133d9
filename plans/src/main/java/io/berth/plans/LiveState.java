package io.berth.plans;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a plan is made against: the state commit (empty before the first apply), the declared
 * state at that commit, the highest revision ever registered per family (deregistered revisions
 * still take their number, as in ECS), what the control plane observes at runtime, and what was
 * read from the state's tree to build it ({@code reads}: path to Git object id, see
 * {@link Plan#reads()}).
 */
public record LiveState(Optional<String> commit, DeclaredState declared,
    Map<String, Integer> latestRevisions, List<ObservedService> observed, Map<String, String> reads) {

  /** Copies the collections. */
  public LiveState {
    commit = commit == null ? Optional.empty() : commit;
    Objects.requireNonNull(declared, "declared == null");
    latestRevisions = Collections.unmodifiableMap(new TreeMap<>(latestRevisions == null ? Map.of() : latestRevisions));
    observed = observed == null ? List.of() : List.copyOf(observed);
    reads = Collections.unmodifiableMap(new TreeMap<>(reads == null ? Map.of() : reads));
  }

  /** A live state that records no reads (for the pure diff's tests, which never apply). */
  public LiveState(Optional<String> commit, DeclaredState declared, Map<String, Integer> latestRevisions,
      List<ObservedService> observed) {
    this(commit, declared, latestRevisions, observed, Map.of());
  }

  /** The live state of a repository nobody applied to yet. */
  public static LiveState empty(String stack) {
    return new LiveState(Optional.empty(), DeclaredState.empty(stack), Map.of(), List.of());
  }
}
