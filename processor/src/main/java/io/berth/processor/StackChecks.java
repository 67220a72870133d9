package io.berth.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * The static checks on a {@code @Stack} class: everything that must hold before Berth can create
 * and run the class at the end of the compile. Pure over the element; returns every problem.
 */
final class StackChecks {
  /** The stack name rule, shared with ECS family and container names. */
  static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");

  private final Types types;
  private final TypeMirror stackDefinition;

  StackChecks(Types types, TypeMirror stackDefinition) {
    this.types = types;
    this.stackDefinition = stackDefinition;
  }

  /** One problem with a stack class: its id and a message saying what to change. */
  record Finding(ProcessorCode code, String message) {
    String text() {
      return code.format(message);
    }
  }

  /** Every problem of {@code type} annotated {@code @Stack(name)}; empty when Berth can run it. */
  List<Finding> check(TypeElement type, String name) {
    List<Finding> findings = new ArrayList<>();
    String what = "@Stack(\"" + name + "\") " + type.getQualifiedName();
    if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
      findings.add(new Finding(ProcessorCode.BerthStackKind, what + " is " + article(type.getKind())
          + ", not a class: put @Stack on a public class that implements StackDefinition"));
      return findings;
    }
    if (!NAME.matcher(name).matches()) {
      findings.add(new Finding(ProcessorCode.BerthStackName, "stack name \"" + name + "\" of "
          + type.getQualifiedName() + " must match ^[A-Za-z0-9_-]{1,255}$: use letters, digits,"
          + " '-' and '_' only (it names the directory META-INF/berth/<stack>/)"));
    }
    Element notPublic = firstNonPublic(type);
    if (notPublic != null) {
      String who = notPublic == type ? what : what + " is inside " + notPublic.getSimpleName()
          + ", which";
      findings.add(new Finding(ProcessorCode.BerthStackPublic, who
          + " is not public: make it public so that Berth can create it after the compile"));
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      findings.add(new Finding(ProcessorCode.BerthStackAbstract, what
          + " is abstract: Berth creates one instance of it, so remove 'abstract' or move @Stack"
          + " to a concrete subclass"));
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
      findings.add(new Finding(ProcessorCode.BerthStackNested, what
          + " is an inner class: declare it 'static' (or top level) so it can be created on its own"));
    }
    if (!hasPublicNoArgConstructor(type)) {
      findings.add(new Finding(ProcessorCode.BerthStackConstructor, what
          + " has no public no-argument constructor: add 'public " + type.getSimpleName() + "() {}'"
          + " (stacks take no arguments; read settings inside define)"));
    }
    if (!types.isAssignable(types.erasure(type.asType()), stackDefinition)) {
      findings.add(new Finding(ProcessorCode.BerthStackInterface, what
          + " does not implement io.berth.dsl.StackDefinition: add 'implements StackDefinition'"
          + " and declare the stack in define(Infra)"));
    }
    return findings;
  }

  private static Element firstNonPublic(TypeElement type) {
    Element current = type;
    while (current instanceof TypeElement) {
      if (!current.getModifiers().contains(Modifier.PUBLIC)) {
        return current;
      }
      current = current.getEnclosingElement();
    }
    return null;
  }

  private static boolean hasPublicNoArgConstructor(TypeElement type) {
    List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
    return constructors.stream().anyMatch(c -> c.getParameters().isEmpty()
        && c.getModifiers().contains(Modifier.PUBLIC));
  }

  private static String article(ElementKind kind) {
    return switch (kind) {
      case INTERFACE -> "an interface";
      case ENUM -> "an enum";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> "a " + kind.name().toLowerCase(Locale.ROOT);
    };
  }
}
