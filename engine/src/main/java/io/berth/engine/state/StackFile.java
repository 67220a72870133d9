package io.berth.engine.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.berth.model.ExternalReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code stack.json} in a stack's directory: the stack's name, the active revision of each task
 * definition family, and the clusters and roles of other stacks it uses. Older revision files stay
 * in the tree (revisions are immutable); this index is what makes exactly one of them active.
 */
record StackFile(String stack, Map<String, Integer> taskDefinitions, List<String> usesClusters,
    List<String> usesRoles) {
  StackFile {
    Objects.requireNonNull(stack, "stack is required in stack.json");
    taskDefinitions = Collections.unmodifiableMap(
        new TreeMap<>(taskDefinitions == null ? Map.of() : taskDefinitions));
    usesClusters = usesClusters == null ? List.of() : usesClusters.stream().sorted().distinct().toList();
    usesRoles = usesRoles == null ? List.of() : usesRoles.stream().sorted().distinct().toList();
  }

  static StackFile of(String stack, Map<String, Integer> active, List<ExternalReference> references) {
    List<String> clusters = new ArrayList<>();
    List<String> roles = new ArrayList<>();
    references.forEach(r -> (r.kind() == ExternalReference.Kind.CLUSTER ? clusters : roles).add(r.name()));
    return new StackFile(stack, active, clusters, roles);
  }

  /** The references as the model names them. */
  @JsonIgnore
  List<ExternalReference> references() {
    List<ExternalReference> references = new ArrayList<>();
    usesClusters.forEach(c -> references.add(new ExternalReference(ExternalReference.Kind.CLUSTER, c, Optional.empty())));
    usesRoles.forEach(r -> references.add(new ExternalReference(ExternalReference.Kind.ROLE, r, Optional.empty())));
    return references;
  }
}
