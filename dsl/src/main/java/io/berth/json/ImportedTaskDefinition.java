package io.berth.json;

import io.berth.model.TaskDefinition;
import java.util.List;
import java.util.Objects;

/**
 * A task definition read from RegisterTaskDefinition (or describe) JSON, with the warnings about
 * members that were dropped because the ECS API model has no such member.
 */
public record ImportedTaskDefinition(TaskDefinition taskDefinition, List<String> warnings) {
  /** The definition is required; warnings are copied. */
  public ImportedTaskDefinition {
    Objects.requireNonNull(taskDefinition, "taskDefinition == null");
    warnings = List.copyOf(warnings);
  }
}
