package io.berth.engine.planner;

import io.berth.dsl.ContextValue;
import io.berth.dsl.StackContext;
import io.berth.json.ContextFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses to plan a stack whose JSON was built with other context values than the ones given now.
 * Maven compiles a stack again only when its sources change, so {@code mvn compile berth:plan
 * -Dberth.context.env=prod} after a build for {@code dev} would otherwise plan dev's stack against
 * prod's state. The processor records what the stack read in {@link ContextFile}; a value now
 * given that a new build would use differs from it when the build read a default, took it from the
 * environment, or had it given and it is given again otherwise. A value given to the compiler
 * ({@code -A}) may still win over one from the environment now, so that case passes.
 */
public final class BuiltContext {
  private BuiltContext() {}

  /**
   * Checks the stack under {@code desired} against the values {@code properties}
   * ({@code berth.context.*}, Maven's) and {@code environment} give now; nothing when it read none,
   * or when the directory holds no stack (planning says why).
   *
   * @throws IllegalArgumentException naming each value that differs and how to build again
   */
  public static void check(Path desired, Optional<String> stack, Map<String, String> properties,
      Map<String, String> environment) {
    Path dir;
    try {
      dir = DesiredInput.stackDirectory(desired, stack);
    } catch (RuntimeException e) {
      return; // the plan reports a missing or ambiguous stack in its own words
    }
    Path file = dir.resolve(ContextFile.NAME);
    if (!Files.isRegularFile(file)) {
      return;
    }
    Map<String, ContextFile.Entry> built;
    try {
      built = ContextFile.read(file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + FileProblems.describe(e, file) + "; rebuild it with mvn"
          + " compile", e);
    }
    StackContext now = StackContext.of(environment, properties);
    List<String> differ = new ArrayList<>();
    List<String> synth = new ArrayList<>();
    built.forEach((name, entry) -> now.lookup(name).filter(current -> !current.value().equals(entry.value()))
        .filter(current -> !"given".equals(entry.from()) || current.origin() == ContextValue.Origin.GIVEN)
        .ifPresent(current -> {
          differ.add(name + "=" + entry.value() + " (" + origin(name, entry.from()) + "), but " + name + "="
              + current.value() + " is given now (" + origin(name, current.origin().name().toLowerCase(Locale.ROOT)) + ")");
          synth.add(name + "=" + current.value());
        }));
    if (!differ.isEmpty()) {
      throw new IllegalArgumentException(dir + " was built with " + String.join("; ", differ) + ". Maven compiles a"
          + " stack again only when its sources change: build afresh (mvn clean compile) or run the stacks again with"
          + " the values given now (mvn berth:synth, berth synth --context " + String.join(" --context ", synth) + ")");
    }
  }

  private static String origin(String name, String from) {
    return switch (from) {
      case "given" -> "-D" + StackContext.OPTION_PREFIX + name + " or -A" + StackContext.OPTION_PREFIX + name;
      case "environment" -> StackContext.variable(name);
      default -> "the stack's default";
    };
  }
}
