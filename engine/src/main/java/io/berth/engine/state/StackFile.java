package io.berth.engine.state;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code stack.json} on main: the stack the repository holds and the active revision of each task
 * definition family. Older revision files stay in the tree (revisions are immutable); this index is
 * what makes exactly one of them active.
 */
record StackFile(String stack, Map<String, Integer> taskDefinitions) {
  StackFile {
    Objects.requireNonNull(stack, "stack is required in stack.json");
    taskDefinitions = Collections.unmodifiableMap(
        new TreeMap<>(taskDefinitions == null ? Map.of() : taskDefinitions));
  }
}
