package io.berth.validation;

import io.berth.model.SourceMap;
import java.util.ArrayList;
import java.util.List;

/** Collects violations as the rules find them, locating each (and each note) with the source map. */
final class Findings {
  private final SourceMap sources;
  private final List<Violation> violations = new ArrayList<>();

  Findings(SourceMap sources) {
    this.sources = sources;
  }

  void add(ViolationCode code, String path, String message) {
    add(code.code(), code.severity(), path, message, List.of());
  }

  /** A violation at {@code path} with notes at the related paths: {@code related} alternates path, message. */
  void add(ViolationCode code, String path, String message, String... related) {
    List<Violation.Note> notes = new ArrayList<>();
    for (int i = 0; i + 1 < related.length; i += 2) {
      notes.add(new Violation.Note(related[i], related[i + 1], sources.locate(related[i])));
    }
    add(code.code(), code.severity(), path, message, notes);
  }

  void add(ViolationCode code, String path, String message, List<Violation.Note> notes) {
    add(code.code(), code.severity(), path, message, notes);
  }

  void add(String code, Severity severity, String path, String message, List<Violation.Note> notes) {
    violations.add(new Violation(code, severity, path, message, sources.locate(path), notes));
  }

  /** A note at {@code path}, located with the source map. */
  Violation.Note note(String path, String message) {
    return new Violation.Note(path, message, sources.locate(path));
  }

  List<Violation> list() {
    return List.copyOf(violations);
  }
}
