package io.berth.validation;

import io.berth.model.SourceLocation;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One broken rule: a stable code (e.g. {@code BerthFargateMemory}), the model path it concerns
 * (e.g. {@code taskDefinition[web].container[httpd].memory}), a message that says how to fix it,
 * and the DSL call site when known.
 */
public record Violation(String code, Severity severity, String path, String message,
    Optional<SourceLocation> location) {
  /** All parts but the location are required. */
  public Violation {
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(severity, "severity == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(message, "message == null");
    location = location == null ? Optional.empty() : location;
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
