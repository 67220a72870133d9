package io.berth.json;

import io.berth.model.TaskDefinition;
import java.util.List;
import java.util.Objects;

/**
 * A task definition read from RegisterTaskDefinition (or describe) JSON, with the warnings about
 * members that were dropped because the ECS API model has no such member, and the errors about
 * values of the wrong JSON type (read as meant, so the rest can be checked, but ECS's clients
 * refuse such a file and so does {@code berth import}).
 */
public record ImportedTaskDefinition(TaskDefinition taskDefinition, List<String> warnings, List<String> typeErrors) {
  /** The definition is required; warnings and errors are copied. */
  public ImportedTaskDefinition {
    Objects.requireNonNull(taskDefinition, "taskDefinition == null");
    warnings = List.copyOf(warnings);
    typeErrors = List.copyOf(typeErrors);
  }

  /** A definition read without type errors. */
  public ImportedTaskDefinition(TaskDefinition taskDefinition, List<String> warnings) {
    this(taskDefinition, warnings, List.of());
  }
}
