package io.berth.engine.cli;

import io.berth.dsl.StackContext;
import io.berth.engine.planner.CommandErrors;
import io.berth.engine.synth.SynthRun;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth synth}: runs the {@code @Stack} classes of a class output directory outside javac
 * and writes their {@code META-INF/berth/<stack>/} JSON, for builds compiled with
 * {@code -Aberth.evaluate=false} or by a compiler that cannot run the Berth processor.
 */
@Command(name = "synth", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = {"Run compiled @Stack classes outside javac and write their META-INF/berth JSON.",
        "Validates each stack and writes META-INF/berth/<stack>/desired.json and task-definitions/<family>.json,"
            + " as the annotation processor does inside javac.",
        "The classes must have been compiled with the Berth processor (it generates the stack index),"
            + " e.g. with -Aberth.evaluate=false.",
        "Exit code: 0 success, 1 error (violations are printed as file:line: error: [code] path: message)."})
final class SynthCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "PROJECT", description = "A Maven project whose target/classes"
      + " to run (default: the current directory), or a class output directory itself.")
  Path project;

  @Option(names = "--classes", paramLabel = "DIR", description = "The class output directory to run;"
      + " overrides PROJECT.")
  Path classes;

  @Option(names = {"--classpath", "-cp"}, paramLabel = "CP", description = "The stacks' own"
      + " dependencies: jars and directories separated by the platform's path separator (':' on Unix;"
      + " Maven prints them with mvn dependency:build-classpath).")
  String classPath;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write META-INF/berth (default: the"
      + " class output directory, where berth plan --desired looks).")
  Path out;

  @Option(names = "--context", paramLabel = "NAME=VALUE", description = "A context value the stacks read with"
      + " infra.context(NAME) (repeatable); otherwise BERTH_CONTEXT_<NAME> from the environment.")
  Map<String, String> context = new LinkedHashMap<>();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    return CommandErrors.run(err, () -> {
      Path dir = classOutput();
      Map<String, String> given = new TreeMap<>();
      context.forEach((name, value) -> given.put(StackContext.OPTION_PREFIX + name, value));
      return SynthRun.run(dir, classPathEntries(), out == null ? dir : out, StackContext.of(System.getenv(), given),
          spec.commandLine().getOut(), err);
    });
  }

  /** {@code --classes}, else PROJECT's {@code target/classes}, else PROJECT itself. */
  private Path classOutput() {
    Path dir = classes != null ? classes : project != null ? project : Path.of("");
    String name = classes != null ? "--classes " + classes : dir.toAbsolutePath().normalize().toString();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(name + " is not a directory: pass a Maven project after mvn compile,"
          + " or --classes DIR (a class output directory such as target/classes)");
    }
    if (classes != null) {
      return classes;
    }
    if (Files.isDirectory(dir.resolve("target/classes"))) {
      return dir.resolve("target/classes");
    }
    if (Files.exists(dir.resolve("pom.xml"))) {
      throw new IllegalArgumentException(dir.resolve("target/classes").toAbsolutePath().normalize()
          + " does not exist: compile the project first with mvn compile (the Berth processor must run;"
          + " -Aberth.evaluate=false in the compiler's compilerArgs leaves the stacks to berth synth)");
    }
    return dir;
  }

  private List<Path> classPathEntries() {
    if (classPath == null || classPath.isBlank()) {
      return List.of();
    }
    List<Path> entries = Arrays.stream(classPath.split(File.pathSeparator)).filter(e -> !e.isBlank())
        .map(Path::of).toList();
    for (Path entry : entries) {
      if (!Files.exists(entry)) {
        throw new IllegalArgumentException("--classpath entry " + entry + " does not exist: fix the path, or"
            + " list the project's dependencies with mvn dependency:build-classpath");
      }
    }
    return entries;
  }
}
