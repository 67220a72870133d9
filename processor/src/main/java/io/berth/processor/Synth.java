package io.berth.processor;

import io.berth.dsl.StackContext;
import io.berth.dsl.StackDefinition;
import io.berth.dsl.StackIndex;
import io.berth.validation.Severity;
import io.berth.validation.Violation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Synthesis outside javac: the same evaluation, validation and JSON as the annotation processor,
 * for compilers that cannot run it (Eclipse's) or builds that set {@code -Aberth.evaluate=false}.
 * The stacks are found through the {@link StackIndex} the processor generated, so they are created
 * without reflection. The CLI's {@code berth synth} is a thin wrapper over {@link #run}.
 *
 * <pre>{@code
 * int exit = Synth.run(List.of(Path.of("target/classes"), Path.of("lib/app.jar")),
 *     Path.of("target/classes"), System.err);
 * }</pre>
 */
public final class Synth {
  private Synth() {}

  /** Runs one stack and validates it; exceptions from the stack's code propagate. */
  public static Synthesis synthesize(String stackName, StackDefinition definition) {
    return synthesize(stackName, definition, StackContext.NONE);
  }

  /** As {@link #synthesize(String, StackDefinition)}, the stack reading {@code context}. */
  public static Synthesis synthesize(String stackName, StackDefinition definition, StackContext context) {
    return StackSynthesizer.synthesize(stackName, definition, context);
  }

  /** Runs every stack listed by the {@link StackIndex} services {@code loader} sees, in name order. */
  public static List<Synthesis> synthesizeAll(ClassLoader loader) {
    return synthesizeAll(loader, StackContext.NONE);
  }

  /** As {@link #synthesizeAll(ClassLoader)}, the stacks reading {@code context}. */
  public static List<Synthesis> synthesizeAll(ClassLoader loader, StackContext context) {
    Map<String, Supplier<StackDefinition>> all = new TreeMap<>();
    for (StackIndex index : ServiceLoader.load(StackIndex.class, loader)) {
      index.stacks().forEach((name, factory) -> {
        if (all.putIfAbsent(name, factory) != null) {
          throw new IllegalStateException("two stacks are named \"" + name + "\" on the class path:"
              + " give each @Stack a unique name");
        }
      });
    }
    List<Synthesis> results = new ArrayList<>();
    all.forEach((name, factory) -> results.add(synthesize(name, factory.get(), context)));
    return results;
  }

  /** Writes {@code synthesis}'s files under {@code classOutput/META-INF/berth/<stack>/}. */
  public static void write(Synthesis synthesis, Path classOutput) {
    try {
      for (Map.Entry<String, String> file : synthesis.files().entrySet()) {
        Path target = classOutput.resolve(synthesis.directory() + file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the JSON of stack " + synthesis.stack()
          + " under " + classOutput, e);
    }
  }

  /**
   * Loads the compiled application from {@code classPath} (its class directories and jars, Berth's
   * dsl included or not), synthesizes every stack, prints each violation to {@code err} as
   * {@code file:line: error: [code] path: message}, writes the JSON of the stacks without errors
   * under {@code classOutput}, and returns 0 when no stack had an error, else 1.
   */
  public static int run(List<Path> classPath, Path classOutput, PrintStream err) {
    return run(classPath, classOutput, StackContext.NONE, err);
  }

  /** As {@link #run(List, Path, PrintStream)}, the stacks reading {@code context}. */
  public static int run(List<Path> classPath, Path classOutput, StackContext context, PrintStream err) {
    List<URL> urls = new ArrayList<>();
    for (Path entry : classPath) {
      try {
        urls.add(entry.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("class path entry " + entry + " is not a valid path", e);
      }
    }
    try (URLClassLoader loader = new URLClassLoader("berth-synth", urls.toArray(URL[]::new),
        Synth.class.getClassLoader())) {
      List<Synthesis> results = synthesizeAll(loader, context);
      if (results.isEmpty()) {
        err.println("berth synth: no stacks found on " + classPath + ": compile the @Stack classes"
            + " with the Berth processor on the annotation processor path first");
        return 1;
      }
      boolean failed = false;
      for (Synthesis synthesis : results) {
        for (Violation violation : synthesis.violations()) {
          String where = violation.location().map(l -> l.file() + ":" + l.line() + ": ")
              .orElse("stack " + synthesis.stack() + ": ");
          err.println(where + (violation.severity() == Severity.ERROR ? "error: " : "warning: ")
              + violation.describe());
          violation.notes().forEach(note -> err.println(note.format(violation.code())));
        }
        if (synthesis.hasErrors()) {
          failed = true;
        } else {
          write(synthesis, classOutput);
        }
      }
      return failed ? 1 : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
