package io.berth.engine.planner;

import io.berth.json.BerthJson;
import io.berth.json.DesiredStateJson;
import io.berth.model.DesiredState;
import io.berth.model.TaskDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the desired state the annotation processor wrote. {@code --desired} may name a classes
 * directory ({@code target/classes}, holding {@code META-INF/berth/<stack>/}), a stack directory
 * itself, or a built Maven project (its {@code target/classes}).
 */
public final class DesiredInput {
  static final String DESIRED_FILE = "desired.json";
  static final String TASK_DEFINITIONS = "task-definitions";

  private DesiredInput() {}

  /** The desired state under {@code dir}; {@code stack} picks one when the directory holds several. */
  public static DesiredState read(Path dir, Optional<String> stack) {
    Path stackDir = stackDirectory(dir, stack);
    Path file = stackDir.resolve(DESIRED_FILE);
    DesiredState desired;
    try {
      desired = DesiredStateJson.read(file.toString(), Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new DesiredInputException(firstLine(e) + "; rebuild it with mvn compile (or fix the file)", e);
    }
    return withTaskDefinitionFiles(desired, stackDir.resolve(TASK_DEFINITIONS));
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

  /** Adds task definitions found only as {@code task-definitions/<family>.json} files. */
  private static DesiredState withTaskDefinitionFiles(DesiredState desired, Path dir) {
    if (!Files.isDirectory(dir)) {
      return desired;
    }
    Set<String> known = desired.taskDefinitions().stream().map(TaskDefinition::family).collect(Collectors.toSet());
    List<TaskDefinition> all = new ArrayList<>(desired.taskDefinitions());
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        TaskDefinition definition;
        try {
          definition = BerthJson.mapper().readValue(file.toFile(), TaskDefinition.class);
        } catch (IOException | RuntimeException e) {
          throw new DesiredInputException(file + " is not a valid task definition (" + firstLine(e)
              + "); rebuild it with mvn compile", e);
        }
        if (definition == null) {
          throw new DesiredInputException(file + " holds null, not a task definition; rebuild it with mvn compile");
        }
        if (known.add(definition.family())) {
          all.add(definition);
        }
      }
    } catch (IOException e) {
      throw new DesiredInputException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return new DesiredState(desired.apiVersion(), desired.stack(), desired.clusters(), desired.roles(), all,
        desired.services(), desired.scaling());
  }

  private static String firstLine(Exception e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
  }
}
