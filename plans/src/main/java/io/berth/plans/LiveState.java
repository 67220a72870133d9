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
 * {@link Plan#reads()}), and how the stack relates to the other stacks of the state ({@code links}).
 */
public record LiveState(Optional<String> commit, DeclaredState declared,
    Map<String, Integer> latestRevisions, List<ObservedService> observed, Map<String, String> reads,
    StackLinks links) {

  /** Copies the collections. */
  public LiveState {
    commit = commit == null ? Optional.empty() : commit;
    Objects.requireNonNull(declared, "declared == null");
    latestRevisions = Collections.unmodifiableMap(new TreeMap<>(latestRevisions == null ? Map.of() : latestRevisions));
    observed = observed == null ? List.of() : List.copyOf(observed);
    reads = Collections.unmodifiableMap(new TreeMap<>(reads == null ? Map.of() : reads));
    links = links == null ? StackLinks.NONE : links;
  }

  /** A live state of a state holding no other stack. */
  public LiveState(Optional<String> commit, DeclaredState declared, Map<String, Integer> latestRevisions,
      List<ObservedService> observed, Map<String, String> reads) {
    this(commit, declared, latestRevisions, observed, reads, StackLinks.NONE);
  }

  /** A live state that records no reads (for the pure diff's tests, which never apply). */
  public LiveState(Optional<String> commit, DeclaredState declared, Map<String, Integer> latestRevisions,
      List<ObservedService> observed) {
    this(commit, declared, latestRevisions, observed, Map.of(), StackLinks.NONE);
  }

  /** The live state of a repository nobody applied to yet. */
  public static LiveState empty(String stack) {
    return new LiveState(Optional.empty(), DeclaredState.empty(stack), Map.of(), List.of());
  }
}
