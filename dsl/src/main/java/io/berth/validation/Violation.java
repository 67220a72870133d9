package io.berth.validation;

import io.berth.model.SourceLocation;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One broken rule: a stable code (e.g. {@code BerthFargateMemory}), the model path it concerns
 * (e.g. {@code taskDefinition[web].container[httpd].memory}), a message that says how to fix it,
 * the DSL call site when known, and notes on the other calls that took part (a rule that several
 * calls break together is reported at the call that completed the mistake, the others as notes).
 */
public record Violation(String code, Severity severity, String path, String message,
    Optional<SourceLocation> location, List<Note> notes) {
  /** All parts but the location are required; notes are copied. */
  public Violation {
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(severity, "severity == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(message, "message == null");
    location = location == null ? Optional.empty() : location;
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** A violation without notes. */
  public Violation(String code, Severity severity, String path, String message, Optional<SourceLocation> location) {
    this(code, severity, path, message, location, List.of());
  }

  /**
   * Another call that took part in a violation: its model path, what it contributed, and where
   * it was made when known.
   */
  public record Note(String path, String message, Optional<SourceLocation> location) {
    /** Path and message are required. */
    public Note {
      Objects.requireNonNull(path, "path == null");
      Objects.requireNonNull(message, "message == null");
      location = location == null ? Optional.empty() : location;
    }

    /** {@code file:line: note: [code] path: message}, or without the location when unknown. */
    public String format(String code) {
      return location.map(l -> l.file() + ":" + l.line() + ": ").orElse("") + "note: [" + code + "] " + path + ": "
          + message;
    }
  }

  /** {@code [code] path: message}, the form used in compile errors and CLI output. */
  public String describe() {
    return "[" + code + "] " + path + ": " + message;
  }

  /**
   * {@code file:line: error: [code] path: message} when the call site is known, else
   * {@code error: [code] path: message}: the form CLI commands print, clickable in IDEs and terminals.
   */
  public String format() {
    String prefix = location.map(l -> l.file() + ":" + l.line() + ": ").orElse("");
    return prefix + severity.name().toLowerCase(Locale.ROOT) + ": " + describe();
  }
}
