package io.berth.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.lang.model.element.TypeElement;

/**
 * Follows javac through the compile: indexes each unit's calls at ANALYZE (while its trees are
 * attributed), notes which classes GENERATE wrote, and at COMPILATION (every class file written)
 * hands the stacks whose class files are fresh to the evaluation. Stale class files left by an
 * earlier build are never run.
 */
final class CompileListener implements TaskListener {
  private final Trees trees;
  private final SourceIndex sources;
  private final Map<String, StackClass> stacks;
  private final Consumer<List<StackClass>> atEnd;
  private final Set<String> generated = new HashSet<>();
  private boolean done;

  /**
   * @param stacks the stacks found so far, by qualified name; filled by the processor's rounds,
   *     which all end before the first ANALYZE event
   */
  CompileListener(Trees trees, SourceIndex sources, Map<String, StackClass> stacks,
      Consumer<List<StackClass>> atEnd) {
    this.trees = trees;
    this.sources = sources;
    this.stacks = stacks;
    this.atEnd = atEnd;
  }

  @Override
  public void finished(TaskEvent event) {
    switch (event.getKind()) {
      case ANALYZE -> analyzed(event);
      case GENERATE -> {
        TypeElement type = event.getTypeElement();
        if (type != null) {
          generated.add(type.getQualifiedName().toString());
        }
      }
      case COMPILATION -> compiled();
      default -> { }
    }
  }

  private void analyzed(TaskEvent event) {
    if (stacks.isEmpty() || event.getCompilationUnit() == null) {
      return; // nothing to report on: keep compiles without stacks free of cost
    }
    sources.index(event.getCompilationUnit(), trees);
    TypeElement type = event.getTypeElement();
    if (type != null) {
      for (StackClass stack : stacks.values()) {
        if (stack.qualifiedName().startsWith(type.getQualifiedName().toString())) {
          TypeElement stackType = stack.qualifiedName().equals(type.getQualifiedName().toString())
              ? type : nested(type, stack.qualifiedName());
          ClassTree tree = stackType == null ? null : trees.getTree(stackType);
          if (tree != null) {
            sources.indexClass(stack.qualifiedName(), event.getCompilationUnit(), tree);
          }
        }
      }
    }
  }

  private static TypeElement nested(TypeElement outer, String qualifiedName) {
    for (var member : outer.getEnclosedElements()) {
      if (member instanceof TypeElement inner) {
        String name = inner.getQualifiedName().toString();
        if (name.equals(qualifiedName)) {
          return inner;
        }
        if (qualifiedName.startsWith(name + ".")) {
          return nested(inner, qualifiedName);
        }
      }
    }
    return null;
  }

  private void compiled() {
    if (done) {
      return;
    }
    done = true;
    List<StackClass> fresh = new ArrayList<>();
    for (StackClass stack : stacks.values()) {
      if (generated.contains(topLevel(stack))) {
        fresh.add(stack);
      }
    }
    if (!fresh.isEmpty()) {
      atEnd.accept(fresh);
    }
  }

  /** GENERATE events name top-level classes; nested stacks are written with their outer class. */
  private String topLevel(StackClass stack) {
    String name = stack.qualifiedName();
    for (String candidate : generated) {
      if (name.equals(candidate) || name.startsWith(candidate + ".")) {
        return candidate;
      }
    }
    return name;
  }
}
