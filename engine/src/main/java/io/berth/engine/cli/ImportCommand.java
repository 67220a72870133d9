package io.berth.engine.cli;

import io.berth.engine.planner.CommandErrors;
import io.berth.processor.importer.ImportException;
import io.berth.processor.importer.ImportedSource;
import io.berth.processor.importer.TaskDefinitionImporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth import}: ECS task definition JSON to fluent-DSL Java source, one {@code @Stack}
 * class per file, for teams moving definitions they keep as JSON today into Berth.
 */
@Command(name = "import", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
    description = {"Turn ECS task definition JSON into @Stack classes written with the Berth DSL.",
        "Reads RegisterTaskDefinition input or describe-task-definition output; one class per file.",
        "Writes nothing unless every file imports; refuses to overwrite a source file without --force.",
        "Exit code: 0 success, 1 error."})
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Task definition JSON files.")
  List<Path> files;

  @Option(names = "--package", required = true, paramLabel = "PKG",
      description = "Java package of the generated classes, e.g. com.acme.infra.")
  String packageName;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Source root to write to, e.g. src/main/java (the package directories are created).")
  Path out;

  @Option(names = "--force", description = "Overwrite generated source files that already exist.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    return CommandErrors.run(err, () -> {
      for (Path file : files) {
        checkInput(file);
      }
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new IllegalArgumentException("--out " + out + " is a file: pass a source root directory such as"
            + " src/main/java");
      }
      Path staging = Files.createTempDirectory("berth-import");
      try {
        List<ImportedSource> imported = importInto(staging, err);
        if (imported == null) {
          return 1;
        }
        List<Path> existing = imported.stream().map(s -> out.resolve(s.relativePath()))
            .filter(Files::exists).toList();
        if (!existing.isEmpty() && !force) {
          existing.forEach(p -> err.println("error: " + p + " already exists"));
          err.println("error: nothing was written: pass --force to overwrite, or choose another --out or --package");
          err.flush();
          return 1;
        }
        for (ImportedSource source : imported) {
          Path target = out.resolve(source.relativePath());
          Files.createDirectories(target.getParent());
          Files.copy(staging.resolve(source.relativePath()), target, StandardCopyOption.REPLACE_EXISTING);
          source.warnings().forEach(w -> err.println("warning: " + w));
          spec.commandLine().getOut().println("Wrote " + target + " (stack " + source.stackName() + ")");
        }
        spec.commandLine().getOut().println("Next: compile with the Berth processor (mvn compile), then"
            + " berth plan --desired target/classes");
        spec.commandLine().getOut().flush();
        err.flush();
        return 0;
      } finally {
        deleteTree(staging);
      }
    });
  }

  /** The imported sources written under {@code staging}, or null after printing why a file cannot be imported. */
  private List<ImportedSource> importInto(Path staging, PrintWriter err) {
    try {
      return TaskDefinitionImporter.importFiles(files, packageName, staging);
    } catch (ImportException e) {
      e.getMessage().lines().forEach(line -> err.println("error: " + line));
      err.println("error: nothing was written: fix or leave out " + e.source() + " and run berth import again");
      err.flush();
      return null;
    }
  }

  private static void checkInput(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(file + " does not exist: pass the path of an ECS task definition"
          + " JSON file (RegisterTaskDefinition input or describe-task-definition output)");
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + " is a directory: pass the JSON files in it, e.g. "
          + file.resolve("*.json"));
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
