package io.berth.processor.importer;

import com.palantir.javapoet.JavaFile;
import io.berth.json.ImportedTaskDefinition;
import io.berth.json.TaskDefinitionJson;
import io.berth.json.TaskDefinitionJsonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * {@code berth import}: turns ECS task definition JSON (RegisterTaskDefinition input or
 * describe-task-definition output) into readable fluent-DSL Java source, one {@code @Stack} class
 * per task definition, the migration path for teams whose definitions live in JSON today. The
 * output is deterministic: the same file always gives the same source.
 *
 * <pre>{@code
 * List<ImportedSource> written = TaskDefinitionImporter.importFiles(
 *     List.of(Path.of("web.json")), "com.acme.infra", Path.of("src/main/java"));
 * }</pre>
 */
public final class TaskDefinitionImporter {
  private static final Pattern FAMILY = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");

  private TaskDefinitionImporter() {}

  /**
   * The DSL source for the task definition {@code json}; {@code source} names the input in
   * messages. Fails with an {@link ImportException} naming the member when the JSON is invalid, a
   * value has the wrong JSON type, the compile of the source would refuse the definition (the
   * processor's validator runs first, every error at its JSON path), or it uses a member the DSL
   * cannot express.
   */
  public static ImportedSource importJson(String source, String json, String packageName) {
    return importJson(source, json, packageName, null, null, true);
  }

  /**
   * The DSL source for {@code json} without the checks {@link #importJson} runs first: only how the
   * task definition translates, for tests that compare a translation with its input.
   */
  static ImportedSource translate(String source, String json, String packageName) {
    return importJson(source, json, packageName, null, null, false);
  }

  private static ImportedSource importJson(String source, String json, String packageName, String className,
      String stackName, boolean checked) {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(json, "json == null");
    checkPackage(packageName);
    ImportedTaskDefinition imported;
    try {
      imported = TaskDefinitionJson.read(source, json);
    } catch (TaskDefinitionJsonException e) {
      // the reader's message already starts with "source: path: "; keep its path, say the source once
      String prefix = e.source() + ": " + e.jsonPath() + ": ";
      String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
      throw new ImportException(source, e.jsonPath(), problem, e);
    }
    String family = imported.taskDefinition().family();
    if (!FAMILY.matcher(family).matches()) {
      throw new Unsupported(source).invalid("$.family", "'" + family + "' is not a valid family name",
          "use 1-255 letters, digits, '-' and '_' (it also names the stack), e.g. replace the placeholder");
    }
    String name = className == null ? Names.className(family) : className;
    String stack = stackName == null ? family : stackName;
    if (checked) {
      refuseInvalid(source, imported, stack);
    }
    StackSourceWriter writer = new StackSourceWriter(source);
    JavaFile file = writer.write(imported.taskDefinition(), packageName, name, stack);
    List<String> warnings = new ArrayList<>(imported.warnings());
    warnings.addAll(writer.warnings());
    return new ImportedSource(packageName, name, stack, file.toString(), warnings);
  }

  /**
   * Refuses, before anything is written, a definition the compile of its source would refuse: values
   * of the wrong JSON type, then every error the validator finds, each at its member's JSON path.
   */
  private static void refuseInvalid(String source, ImportedTaskDefinition imported, String stack) {
    List<String> problems = new ArrayList<>();
    imported.typeErrors().forEach(error -> problems.add(error.substring(source.length() + 2)));
    if (problems.isEmpty()) {
      problems.addAll(ImportChecks.errors(imported.taskDefinition(), stack));
    }
    if (problems.isEmpty()) {
      return;
    }
    String first = problems.get(0);
    int colon = first.indexOf(": ");
    StringBuilder more = new StringBuilder();
    for (String problem : problems.subList(1, problems.size())) {
      more.append("\n").append(source).append(": ").append(problem);
    }
    throw new ImportException(source, first.substring(0, colon), first.substring(colon + 2) + more
        + "\nECS would refuse this task definition too: fix " + (problems.size() == 1 ? "it" : "these")
        + " in the file and import it again", true);
  }

  /**
   * Imports each file and writes its class under {@code outputRoot} (a source root such as
   * {@code src/main/java}); two definitions of one family get distinct class names. Stops at the
   * first file that cannot be imported, before writing anything.
   */
  public static List<ImportedSource> importFiles(List<Path> files, String packageName, Path outputRoot) {
    List<ImportedSource> imported = new ArrayList<>();
    Set<String> classNames = new HashSet<>();
    for (Path file : files) {
      String json;
      try {
        json = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ImportException(file.toString(), "cannot read the file: " + e.getMessage(), e);
      }
      ImportedSource first = importJson(file.getFileName().toString(), json, packageName);
      String name = first.className();
      int n = 1;
      while (!classNames.add(name)) {
        n++;
        name = first.className().replaceFirst("Stack$", n + "Stack");
      }
      // a second definition of one family gets its own class and stack name (stacks must be unique)
      imported.add(n == 1 ? first : importJson(file.getFileName().toString(), json, packageName, name,
          first.stackName() + "-" + n, true));
    }
    for (ImportedSource source : imported) {
      Path target = outputRoot.resolve(source.relativePath());
      try {
        Files.createDirectories(target.getParent());
        Files.writeString(target, source.source(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
    }
    return imported;
  }

  private static void checkPackage(String packageName) {
    Objects.requireNonNull(packageName, "packageName == null");
    if (!packageName.isEmpty() && !SourceVersion.isName(packageName)) {
      throw new IllegalArgumentException("package \"" + packageName + "\" is not a valid Java package"
          + " name: use dot-separated identifiers such as com.acme.infra");
    }
  }
}
