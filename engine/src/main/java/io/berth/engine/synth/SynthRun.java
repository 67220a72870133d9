package io.berth.engine.synth;

import io.berth.engine.planner.CommandErrors;
import io.berth.dsl.StackContext;
import io.berth.processor.Synth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code berth synth}: runs the {@code @Stack} classes of a class output directory outside javac
 * ({@link Synth}) and writes their {@code META-INF/berth/<stack>/} JSON. The one code path of the
 * command line's {@code synth} and the Maven plugin's {@code berth:synth}.
 *
 * <pre>{@code
 * int exit = SynthRun.run(Path.of("target/classes"), List.of(Path.of("lib/app.jar")), Path.of("target/classes"), out, err);
 * }</pre>
 */
public final class SynthRun {
  private SynthRun() {}

  /**
   * Runs the stacks compiled into {@code classes} with {@code classPath} (their own dependencies;
   * Berth's are already here), writes their JSON under {@code target}, prints violations to
   * {@code err} and what was written to {@code out}. Returns 0, or 1 after the violations or an
   * {@code error:} line.
   */
  public static int run(Path classes, List<Path> classPath, Path target, PrintWriter out, PrintWriter err) {
    return run(classes, classPath, target, StackContext.NONE, out, err);
  }

  /** As {@link #run(Path, List, Path, PrintWriter, PrintWriter)}, the stacks reading {@code context}. */
  public static int run(Path classes, List<Path> classPath, Path target, StackContext context, PrintWriter out,
      PrintWriter err) {
    return CommandErrors.run(err, () -> {
      if (!Files.isDirectory(classes)) {
        throw new IllegalArgumentException(classes + " is not a directory: compile the project first (mvn compile)");
      }
      for (Path entry : classPath) {
        if (!Files.exists(entry)) {
          throw new IllegalArgumentException("class path entry " + entry + " does not exist: fix the path, or"
              + " list the project's dependencies with mvn dependency:build-classpath");
        }
      }
      List<Path> entries = new ArrayList<>(List.of(classes));
      entries.addAll(classPath);
      // Synth reports on a PrintStream: buffer, then pass it on whole.
      ByteArrayOutputStream report = new ByteArrayOutputStream();
      int exit;
      try (PrintStream stream = new PrintStream(report, true, StandardCharsets.UTF_8)) {
        exit = StackFailure.guard(() -> Synth.run(entries, target, context, stream));
      } finally {
        err.print(report.toString(StandardCharsets.UTF_8));
        err.flush();
      }
      if (exit == 0) {
        out.println("Wrote " + target.resolve("META-INF/berth") + " (stacks: " + String.join(", ", stacks(target)) + ")");
        out.println("Next: berth plan --desired " + target);
        out.flush();
      }
      return exit;
    });
  }

  private static List<String> stacks(Path target) throws IOException {
    try (Stream<Path> dirs = Files.list(target.resolve("META-INF/berth"))) {
      return dirs.filter(d -> Files.exists(d.resolve("desired.json"))).map(d -> d.getFileName().toString())
          .sorted().toList();
    }
  }
}
