package io.berth.processor;

import com.sun.source.util.Trees;
import io.berth.validation.Severity;
import io.berth.validation.Violation;
import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/**
 * Puts Berth's diagnostics where a developer looks: on the DSL call's line when the model knows
 * it, else on the stack class's declaration, else on the compilation as a whole; a violation's
 * notes (the other calls that took part) go on their own lines. Reports and carries on, so one
 * compile shows every problem.
 */
final class Reporter {
  private final Messager messager;
  private final Trees trees;
  private final SourceIndex sources;

  Reporter(Messager messager, Trees trees, SourceIndex sources) {
    this.messager = messager;
    this.trees = trees;
    this.sources = sources;
  }

  /** Reports a validator violation of {@code stack}: an error or a warning at its DSL line. */
  void violation(StackClass stack, Violation violation) {
    Diagnostic.Kind kind = violation.severity() == Severity.ERROR
        ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
    Optional<SourceIndex.Site> site = violation.location()
        .flatMap(location -> sources.find(location, violation.path()));
    if (site.isPresent()) {
      trees.printMessage(kind, violation.describe(), site.get().tree(), site.get().unit());
    } else {
      String where = violation.location().map(l -> " (declared at " + l.file() + ":" + l.line() + ")")
          .orElse("");
      atStack(kind, stack, violation.describe() + where);
    }
    for (Violation.Note note : violation.notes()) {
      String text = "[" + violation.code() + "] " + note.path() + ": " + note.message();
      Optional<SourceIndex.Site> noteSite = note.location().flatMap(location -> sources.find(location, note.path()));
      if (noteSite.isPresent()) {
        trees.printMessage(Diagnostic.Kind.NOTE, text, noteSite.get().tree(), noteSite.get().unit());
      } else {
        atStack(Diagnostic.Kind.NOTE, stack, text);
      }
    }
  }

  /** Reports on the declaration of {@code stack}'s class, or on the compile if it is unknown. */
  void atStack(Diagnostic.Kind kind, StackClass stack, String message) {
    Optional<SourceIndex.Site> site = sources.classSite(stack.qualifiedName());
    if (site.isPresent()) {
      trees.printMessage(kind, message, site.get().tree(), site.get().unit());
    } else {
      messager.printMessage(kind, message + " [stack class " + stack.qualifiedName() + "]");
    }
  }
}
