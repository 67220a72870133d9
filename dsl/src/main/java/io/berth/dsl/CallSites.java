package io.berth.dsl;

import io.berth.model.SourceLocation;
import io.berth.model.SourceMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Records where each DSL call was made, keyed by model path, so a violation can point at the
 * user's line. The call site is the first stack frame outside this package: the user's stack
 * class, or the lambda inside it that configures a container.
 */
final class CallSites {
  private static final String DSL_PACKAGE = CallSites.class.getPackageName();
  private static final StackWalker WALKER = StackWalker.getInstance();

  // The last call for a path wins: it is the one whose value ended up in the model.
  private final Map<String, SourceLocation> locations = new HashMap<>();

  /** Records the current caller as the origin of {@code path}. */
  void record(String path) {
    Objects.requireNonNull(path, "path == null");
    callSite().ifPresent(location -> locations.put(path, location));
  }

  SourceMap toSourceMap() {
    return new SourceMap(locations);
  }

  /**
   * The first frame outside {@code io.berth.dsl} (sub-packages count as outside, so tests and
   * stacks may live there). The file is package-qualified ({@code com/acme/Shop.java}) so two
   * stacks with the same simple file name stay apart.
   */
  static Optional<SourceLocation> callSite() {
    return WALKER.walk(frames -> frames
        .filter(frame -> !packageOf(frame.getClassName()).equals(DSL_PACKAGE))
        .findFirst()
        .filter(frame -> frame.getFileName() != null && frame.getLineNumber() > 0)
        .map(frame -> new SourceLocation(qualifiedFile(frame.getClassName(), frame.getFileName()),
            frame.getLineNumber())));
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  private static String qualifiedFile(String className, String fileName) {
    String pkg = packageOf(className);
    return pkg.isEmpty() ? fileName : pkg.replace('.', '/') + "/" + fileName;
  }
}
