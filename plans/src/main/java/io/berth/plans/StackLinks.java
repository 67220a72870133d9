package io.berth.plans;

import io.berth.model.Cluster;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the stack being planned meets the other stacks of its state: who owns the names it declares
 * or uses, and who uses the clusters and roles it owns. The state reads only what one plan needs.
 *
 * @param owners the owning stack of each name the planned stack declares that another stack owns,
 *     and of each cluster or role it references (a reference nobody declares is absent)
 * @param users the other stacks using each cluster or role the planned stack owns (only those with users)
 * @param clusters the referenced clusters, as their owners declare them (for the scheduler dry-run)
 */
public record StackLinks(Map<ResourceAddress, String> owners, Map<ResourceAddress, List<String>> users,
    List<Cluster> clusters) {
  /** A state without other stacks. */
  public static final StackLinks NONE = new StackLinks(Map.of(), Map.of(), List.of());

  /** Copies the collections, sorted. */
  public StackLinks {
    owners = Collections.unmodifiableMap(new TreeMap<>(owners == null ? Map.of() : owners));
    users = Collections.unmodifiableMap(new TreeMap<>(users == null ? Map.of() : users));
    clusters = clusters == null ? List.of() : List.copyOf(clusters);
  }
}
