package io.berth.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.berth.model.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The method calls of the compilation's units, by file and line, taken while the trees are still
 * attributed (javac lowers them after code generation, when line lookups no longer work). A DSL
 * call records only its file name and line, so this index turns that back into a tree javac can
 * put a diagnostic on.
 */
final class SourceIndex {
  /** A tree to report on, with the unit it belongs to. */
  record Site(CompilationUnitTree unit, Tree tree) {}

  private final Map<CompilationUnitTree, Boolean> indexed = new IdentityHashMap<>();
  private final Map<String, List<UnitLines>> byFileName = new HashMap<>();
  private final Map<String, Site> classes = new HashMap<>();

  private record UnitLines(CompilationUnitTree unit, String path, Map<Long, List<Call>> calls) {}

  /** A method call and the name of the method it calls. */
  private record Call(String method, Tree tree) {}

  /** Indexes the calls of {@code unit} once, however many classes it declares. */
  void index(CompilationUnitTree unit, Trees trees) {
    if (indexed.put(unit, Boolean.TRUE) != null) {
      return;
    }
    SourcePositions positions = trees.getSourcePositions();
    Map<Long, List<Call>> calls = new TreeMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        // The line of the method's name is the line javac gives the call in stack traces.
        long end = positions.getEndPosition(unit, call.getMethodSelect());
        if (end >= 0) {
          calls.computeIfAbsent(unit.getLineMap().getLineNumber(end), k -> new ArrayList<>())
              .add(new Call(methodName(call), call));
        }
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(unit, null);
    String path = unit.getSourceFile().toUri().getPath();
    String name = path == null ? unit.getSourceFile().getName() : path;
    byFileName.computeIfAbsent(fileName(name), k -> new ArrayList<>())
        .add(new UnitLines(unit, name, calls));
  }

  /** Remembers the declaration of a stack class, the fallback place for its diagnostics. */
  void indexClass(String qualifiedName, CompilationUnitTree unit, ClassTree tree) {
    classes.put(qualifiedName, new Site(unit, tree));
  }

  /** The declaration of the stack class {@code qualifiedName}, if it was compiled here. */
  Optional<Site> classSite(String qualifiedName) {
    return Optional.ofNullable(classes.get(qualifiedName));
  }

  /**
   * The call at {@code location} that set {@code modelPath}: the file is a simple name
   * ({@code Shop.java}) or a path ending in one; when several units share the name, the one whose
   * path ends with the location wins. When a line holds several calls
   * ({@code service("web", ...).desiredCount(3)}), the one named like the path's last member wins
   * ({@code desiredCount} for {@code service[web].desiredCount}), then like its parents.
   */
  Optional<Site> find(SourceLocation location, String modelPath) {
    String file = location.file().replace('\\', '/');
    List<UnitLines> candidates = byFileName.getOrDefault(fileName(file), List.of());
    for (UnitLines unit : candidates) {
      if (candidates.size() == 1 || unit.path().endsWith("/" + file) || unit.path().equals(file)) {
        List<Call> calls = unit.calls().get((long) location.line());
        if (calls != null) {
          return Optional.of(new Site(unit.unit(), best(calls, modelPath).tree()));
        }
      }
    }
    return Optional.empty();
  }

  private static Call best(List<Call> calls, String modelPath) {
    List<String> members = new ArrayList<>(List.of(modelPath.split("\\.")));
    Collections.reverse(members);
    for (String member : members) {
      String name = member.replaceAll("\\[.*$", "");
      for (Call call : calls) {
        if (!call.method().isEmpty() && (name.equals(call.method()) || name.startsWith(call.method()))) {
          return call;
        }
      }
    }
    return calls.get(0); // the outermost call on the line
  }

  private static String methodName(MethodInvocationTree call) {
    Tree select = call.getMethodSelect();
    if (select instanceof MemberSelectTree member) {
      return member.getIdentifier().toString();
    }
    if (select instanceof IdentifierTree identifier) {
      return identifier.getName().toString();
    }
    return "";
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
