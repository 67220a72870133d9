package io.berth.validation;

import io.berth.model.SourceMap;
import java.util.ArrayList;
import java.util.List;

/** Collects violations as the rules find them, locating each with the source map. */
final class Findings {
  private final SourceMap sources;
  private final List<Violation> violations = new ArrayList<>();

  Findings(SourceMap sources) {
    this.sources = sources;
  }

  void add(ViolationCode code, String path, String message) {
    violations.add(new Violation(code.code(), code.severity(), path, message, sources.locate(path)));
  }

  List<Violation> list() {
    return List.copyOf(violations);
  }
}
