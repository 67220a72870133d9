package io.berth.engine.planner;

import io.berth.json.DesiredStateJson;
import io.berth.json.OutputFiles;
import io.berth.model.DesiredState;
import io.berth.model.SourceMap;
import io.berth.model.TaskDefinition;
import io.berth.validation.Validator;
import io.berth.validation.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the desired state the annotation processor wrote, and checks it again with the validator
 * the processor runs ({@link Validator}) and the rules of Berth's state ({@link StorableNames}), so
 * a hand-edited or old {@code desired.json} gets the errors the compile would have given, with the
 * same ids and model paths, before anything is planned. {@code --desired} may name a classes
 * directory ({@code target/classes}, holding {@code META-INF/berth/<stack>/}), a stack directory
 * itself, or a built Maven project (its {@code target/classes}).
 */
public final class DesiredInput {
  static final String DESIRED_FILE = OutputFiles.DESIRED;
  static final String TASK_DEFINITIONS = OutputFiles.TASK_DEFINITIONS;

  private DesiredInput() {}

  /**
   * The desired state under {@code dir}; {@code stack} picks one when the directory holds several.
   *
   * @throws DesiredInputException when it cannot be read, or breaks a rule the compile checks or
   *     Berth's state cannot store; the message lists every error
   */
  public static DesiredState read(Path dir, Optional<String> stack) {
    Path stackDir = stackDirectory(dir, stack);
    Path file = stackDir.resolve(DESIRED_FILE);
    DesiredState desired;
    try {
      desired = DesiredStateJson.read(file.toString(), Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new DesiredInputException(firstLine(e) + "; rebuild it with mvn compile (or fix the file)", e);
    }
    DesiredState complete = withTaskDefinitionFiles(desired, stackDir);
    check(complete, file);
    return complete;
  }

  /** Refuses a desired state the compile would refuse, or whose names Berth's state cannot store. */
  static void check(DesiredState desired, Path file) {
    List<String> errors = new ArrayList<>();
    for (Violation violation : Validator.errors(Validator.validate(desired, SourceMap.EMPTY))) {
      errors.add(violation.describe());
    }
    errors.addAll(StorableNames.problems(desired));
    if (!errors.isEmpty()) {
      throw new DesiredInputException(file + " breaks " + errors.size() + (errors.size() == 1 ? " rule" : " rules")
          + " (fix the stack and rebuild it with mvn compile):\n  " + String.join("\n  ", errors));
    }
  }

  static Path stackDirectory(Path dir, Optional<String> stack) {
    if (!Files.isDirectory(dir)) {
      throw new DesiredInputException("--desired " + dir + " does not exist or is not a directory; build the"
          + " project with mvn compile and pass its target/classes (or the project directory)");
    }
    if (Files.isRegularFile(dir.resolve(DESIRED_FILE))) {
      return dir;
    }
    for (Path root : List.of(dir.resolve("META-INF/berth"), dir.resolve("target/classes/META-INF/berth"))) {
      if (Files.isDirectory(root)) {
        return pick(root, stack);
      }
    }
    Path classes = Files.isDirectory(dir.resolve("target/classes")) ? dir.resolve("target/classes") : dir;
    Optional<String> forgotten = ProcessorCheck.stacksWithoutState(classes);
    if (forgotten.isPresent()) {
      throw new DesiredInputException(forgotten.get());
    }
    throw new DesiredInputException("--desired " + dir + " holds no Berth desired state: expected "
        + DESIRED_FILE + ", META-INF/berth/<stack>/" + DESIRED_FILE + " or target/classes/META-INF/berth/<stack>/"
        + DESIRED_FILE + "; run mvn compile in the project first");
  }

  private static Path pick(Path root, Optional<String> stack) {
    Set<String> stacks;
    try (Stream<Path> entries = Files.list(root)) {
      stacks = entries.filter(p -> Files.isRegularFile(p.resolve(DESIRED_FILE)))
          .map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new DesiredInputException("cannot list " + root + ": " + e.getMessage(), e);
    }
    if (stack.isPresent()) {
      if (!stacks.contains(stack.get())) {
        throw new DesiredInputException("stack '" + stack.get() + "' is not in " + root + "; stacks there: "
            + (stacks.isEmpty() ? "none" : String.join(", ", stacks)));
      }
      return root.resolve(stack.get());
    }
    if (stacks.size() == 1) {
      return root.resolve(stacks.iterator().next());
    }
    throw new DesiredInputException(stacks.isEmpty()
        ? root + " holds no stack with a " + DESIRED_FILE + "; run mvn compile in the project first"
        : root + " holds several stacks (" + String.join(", ", stacks) + "); choose one with --stack NAME");
  }

  /**
   * Adds task definitions found only as files under {@code task-definitions/}: those the index
   * {@code task-definition-files.json} lists when there is one (it maps a family whose file name was
   * shortened to its file), else every {@code *.json} there.
   */
  private static DesiredState withTaskDefinitionFiles(DesiredState desired, Path stackDir) {
    Path dir = stackDir.resolve(TASK_DEFINITIONS);
    if (!Files.isDirectory(dir)) {
      return desired;
    }
    Set<String> known = desired.taskDefinitions().stream().map(TaskDefinition::family).collect(Collectors.toSet());
    List<TaskDefinition> all = new ArrayList<>(desired.taskDefinitions());
    for (Map.Entry<String, Path> listed : taskDefinitionFiles(stackDir, dir)) {
      Path file = listed.getValue();
      TaskDefinition definition;
      try {
        definition = DesiredStateJson.readTaskDefinition(file.toString(), Files.readString(file));
      } catch (IOException | RuntimeException e) {
        throw new DesiredInputException(file + " is not a valid task definition (" + firstLine(e).replace(file + ": ", "")
            + "); rebuild it with mvn compile", e);
      }
      if (definition == null) {
        throw new DesiredInputException(file + " holds null, not a task definition; rebuild it with mvn compile");
      }
      if (!listed.getKey().isEmpty() && !listed.getKey().equals(definition.family())) {
        throw new DesiredInputException(stackDir.resolve(OutputFiles.INDEX) + " lists " + file.getFileName()
            + " for family " + listed.getKey() + ", but the file holds family " + definition.family()
            + "; rebuild it with mvn compile");
      }
      if (known.add(definition.family())) {
        all.add(definition);
      }
    }
    return new DesiredState(desired.apiVersion(), desired.stack(), desired.clusters(), desired.roles(), all,
        desired.services(), desired.scaling(), desired.references());
  }

  /** (family, file) pairs, the family empty when only the file says: from the index when there is one, else a listing. */
  private static List<Map.Entry<String, Path>> taskDefinitionFiles(Path stackDir, Path dir) {
    Path index = stackDir.resolve(OutputFiles.INDEX);
    if (Files.isRegularFile(index)) {
      try {
        return OutputFiles.readIndex(index.toString(), Files.readString(index)).entrySet().stream()
            .map(e -> Map.entry(e.getKey(), stackDir.resolve(e.getValue()))).toList();
      } catch (IOException | IllegalArgumentException e) {
        throw new DesiredInputException(firstLine(e), e);
      }
    }
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.filter(f -> f.toString().endsWith(".json")).sorted().map(f -> Map.entry("", f)).toList();
    } catch (IOException e) {
      throw new DesiredInputException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String firstLine(Exception e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
  }
}
