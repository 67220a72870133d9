package io.berth.processor;

import io.berth.model.DesiredState;
import io.berth.model.SourceMap;
import io.berth.validation.Severity;
import io.berth.validation.Violation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What running one stack produced: its model, where each part was declared, every violation the
 * validator found, and the files to write under {@code META-INF/berth/<stack>/} (relative path to
 * UTF-8 text, in path order).
 */
public record Synthesis(String stack, DesiredState state, SourceMap sources,
    List<Violation> violations, Map<String, String> files) {

  /** Copies the parts; all are required. */
  public Synthesis {
    Objects.requireNonNull(stack, "stack == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(sources, "sources == null");
    violations = List.copyOf(violations);
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  /** Whether any violation is an error (warnings do not stop a build). */
  public boolean hasErrors() {
    return violations.stream().anyMatch(v -> v.severity() == Severity.ERROR);
  }

  /** The directory, relative to a class output root, that holds this stack's files. */
  public String directory() {
    return "META-INF/berth/" + stack + "/";
  }
}
